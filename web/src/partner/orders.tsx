import { useEffect, useState } from 'preact/hooks';
import { creditLeftToRefund } from '#domain/money.ts';
import { handedOver, returnableLines, returnableQty } from '#domain/order.ts';
import { api, ApiError } from '../shared/api.ts';
import { t, type Key } from '../shared/i18n.ts';
import { fenToYuanInput, formatFen } from '../shared/money.ts';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { Figures, Money, Notice, Section, TextInput, useAction, useLatest } from '../shared/ui.tsx';
import { MessageStatus } from './message-status.tsx';
import { ordersWithCode } from '../shared/intent.ts';
import { NewClaim, OrderClaims } from './claims.tsx';
import { receiptNo, usePartner, villageName } from './context.ts';
import { TabPayment } from './tab.tsx';
import type { OrderListItem, OrderView, Page, VillagerWithCredit } from '../shared/types.ts';

const statuses = ['PLACED', 'AT_STATION', 'OUT_FOR_DELIVERY', 'PICKED_UP', 'DELIVERED', 'CANCELLED'] as const;
export const statusText = (s: string) => t(`status.${s}` as Key);

/** Digits as typed on any keyboard (full-width too), for matching phones and receipt numbers. */
const plain = (s: string) =>
  s
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();

/** By the villager's name, their phone, or the number on the receipt (the order id's end, or all of it). */
export function matches(order: OrderListItem, query: string): boolean {
  const q = plain(query);
  if (!q) return true;
  return (
    (order.villagerName ?? '').toUpperCase().includes(q) ||
    (/^\d{3,}$/.test(q) && (order.villagerPhone ?? '').includes(q)) ||
    (q.length >= 4 && order.orderId.toUpperCase().endsWith(q)) ||
    order.orderId.toUpperCase() === q
  );
}

export function OrderList() {
  const { station } = usePartner();
  const [status, setStatus] = useState<string>('AT_STATION');
  const [query, setQuery] = useState('');
  const [orders, setOrders] = useState<OrderListItem[]>([]);
  const action = useAction();
  const request = useLatest();
  const searching = query.trim().length > 0;
  useEffect(() => {
    // A search looks through the latest hundred orders of every status; otherwise one status.
    const isLatest = request();
    const timer = setTimeout(
      () =>
        void action.run(async () => {
          const page = await api<Page<OrderListItem>>(
            'GET',
            `/v1/stations/${station.stationId}/orders?${searching ? 'limit=100' : `status=${status}&limit=50`}`,
          );
          if (isLatest()) setOrders(page.items);
        }),
      searching ? 250 : 0,
    );
    return () => clearTimeout(timer);
  }, [status, searching]);
  // A receipt number typed in full finds that order alone (even when it is all digits, like a phone's).
  // A delivery code the villager reads out finds the order too, when its receipt was printed on this device.
  const [byCode, setByCode] = useState<string[]>([]);
  useEffect(() => {
    const code = plain(query);
    if (/^\d{6}$/.test(code)) void ordersWithCode(code).then(setByCode);
    else setByCode([]);
  }, [query]);
  const exact = orders.filter((o) => receiptNo(o.orderId) === plain(query) || byCode.includes(o.orderId));
  const shown = exact.length > 0 ? exact : orders.filter((o) => matches(o, query));
  return (
    <>
      <h1>{t('nav.orders')}</h1>
      <TextInput
        name="orderSearch"
        type="search"
        label={t('orders.search')}
        hint={t('orders.searchHint')}
        value={query}
        onValue={setQuery}
        autocomplete="off"
      />
      {!searching && (
        <div class="tabs" role="group" aria-label={t('orders.byStatus')}>
          {statuses.map((s) => (
            <button key={s} aria-pressed={status === s} onClick={() => setStatus(s)}>
              {statusText(s)}
            </button>
          ))}
        </div>
      )}
      <Notice shown={action.problem} />
      <ul class="rows orders" aria-live="polite">
        {shown.map((o) => (
          <li key={o.orderId}>
            <a href={`#/orders/${o.orderId}`}>
              <strong>{o.villagerName ?? t('orders.noName')}</strong> {o.villagerPhone ?? ''} · {t('receipt.number')} {receiptNo(o.orderId)}
              <br />
              <small>
                {o.lines.map((l) => `${l.title} ×${l.qty}`).join('、')} · {villageName(station, o.villageId)}
                {searching ? ` · ${statusText(o.status)}` : ''}
              </small>
            </a>
            <span>
              <Money fen={o.totalFen} /> {o.outstandingFen > 0 && <small>{t('orders.owes', { amount: formatFen(o.outstandingFen) })}</small>}
            </span>
          </li>
        ))}
        {shown.length === 0 && !action.busy && <li class="empty">{t('orders.none')}</li>}
      </ul>
    </>
  );
}

/** Of a refund, the part paid with credit and not yet refunded (it comes first; the rest is cash), as the server splits it. */
const creditPart = (order: OrderView, refundFen: number) => Math.min(refundFen, creditLeftToRefund(order));

export function OrderDetail({ orderId }: { orderId: string }) {
  const { station } = usePartner();
  const [order, setOrder] = useState<OrderView | undefined>();
  const [amount, setAmount] = useState('');
  const [code, setCode] = useState('');
  const [cash, setCash] = useState('');
  const [reason, setReason] = useState('');
  const [returnReason, setReturnReason] = useState('');
  const [returnQty, setReturnQty] = useState<Record<string, string>>({});
  /** What the last command did: said at the top, since the form that sent it may be gone once the order moves on. */
  const [news, setNews] = useState<string | undefined>();
  const load = useAction();
  const after = (_result: unknown, said: string) => {
    setNews(said);
    refresh();
  };
  /** The villager's produce credit, offered as a payment (no cash moves). */
  const [creditFen, setCreditFen] = useState(0);
  /** The villager was erased (no such villager any more): a refund's credit part is paid in cash, so the confirm says so. */
  const [erased, setErased] = useState(false);
  const refresh = () =>
    void load.run(async () => {
      const o = await api<OrderView>('GET', `/v1/orders/${orderId}`);
      setOrder(o);
      setCash(o.outstandingFen > 0 ? fenToYuanInput(o.outstandingFen) : '');
      if (o.outstandingFen > 0 || creditLeftToRefund(o) > 0)
        void api<VillagerWithCredit>('GET', `/v1/stations/${o.stationId}/villagers/${o.villagerId}`)
          .then((v) => {
            setCreditFen(v.creditFen);
            setErased(false);
          })
          .catch((e: unknown) => {
            setCreditFen(0); // an erased villager has no credit
            setErased(e instanceof ApiError && e.problem.status === 404);
          });
    });
  useEffect(() => {
    setNews(undefined);
    refresh();
  }, [orderId]);
  if (!order) return <Notice shown={load.problem} />;

  const path = `/v1/orders/${order.orderId}`;
  const open = order.status === 'PLACED' || order.status === 'AT_STATION' || order.status === 'OUT_FOR_DELIVERY';
  const canReturn = returnableLines(order, new Date());
  // What was sold on the tab comes off the tab; the rest goes back the way it was paid.
  const tabOnCancel = (order.paidByTabFen ?? 0) - (order.refundedToTabFen ?? 0);
  const refundOnCancel = order.paidFen - order.refundedFen - tabOnCancel;
  const creditOnCancel = creditPart(order, refundOnCancel);
  const returning = canReturn.filter((l) => Number(returnQty[l.sku] ?? 0) > 0);
  const count = (sku: string) => {
    const text = (returnQty[sku] ?? '').trim();
    return /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
  };

  return (
    <>
      <h1>{t('orders.order')}</h1>
      <Notice shown={load.problem} />
      <Notice kind="ok" shown={news} />
      <Section title={statusText(order.status)} id="order-status">
        <p>
          {t('receipt.number')} <strong>{receiptNo(order.orderId)}</strong>
        </p>
        <p>{order.lines.map((l) => `${l.title} ×${l.qty}${l.returnedQty ? ` (${t('orders.returned', { n: l.returnedQty })})` : ''}`).join('、')}</p>
        <Figures
          rows={[
            [t('order.total'), order.totalFen],
            [t('receipt.paid'), order.paidFen],
            [t('receipt.outstanding'), order.outstandingFen],
            // A cancelled order earns nothing: its projected commission is not shown as if it were the partner's.
            order.status !== 'CANCELLED' && [t('order.commission'), order.commissionFen],
            order.paidByCreditFen > 0 && [t('orders.paidByCredit'), order.paidByCreditFen],
            Boolean(order.paidByTabFen) && [t('order.onTab'), order.paidByTabFen],
            order.refundedFen > 0 && [t('orders.refunded'), order.refundedFen],
            order.refundedToCreditFen > 0 && [t('orders.refundedToCredit'), order.refundedToCreditFen],
          ]}
        />
        <p>
          {villageName(station, order.villageId)} · {t(`mode.${order.paymentMode}` as Key)} · {t(`fulfilment.${order.fulfilment}` as Key)}
          {order.runId ? ` · ${t('orders.onRun')}` : ''}
        </p>
        {order.lockedForOps && <Notice shown={t('problem.locked')} />}
        <a class="button" href={`#/receipt/${order.orderId}`}>
          {t('orders.receipt')}
        </a>
      </Section>
      <MessageStatus stationId={order.stationId} villagerId={order.villagerId} subjectId={order.orderId} />

      {open && order.outstandingFen > 0 && !order.lockedForOps && <TabPayment order={order} onDone={after} />}

      {open && order.outstandingFen > 0 && (
        <CommandForm<{ paidFen: number; outstandingFen: number }>
          formId={`pay:${order.orderId}`}
          title={t('orders.takePayment')}
          submitLabel={t('orders.takePayment')}
          again={t('orders.anotherPayment')}
          onDone={(r, said) => {
            setAmount('');
            after(r, said);
          }}
          build={() => {
            const fen = fenFromField(amount, 'amountFen', { required: true, positive: true });
            return {
              command: { method: 'POST', path: `${path}/payments`, body: { amountFen: fen }, label: t('orders.paymentLabel', { amount: formatFen(fen) }) },
              draft: { amount },
              confirm: t('orders.paymentConfirm', { amount: formatFen(fen) }),
            };
          }}
          outcome={(r) => t('orders.paymentDone', { paid: formatFen(r.paidFen), owed: formatFen(r.outstandingFen) })}
        >
          {(intent) => (
            <TextInput
              name="amountFen"
              inputMode="decimal"
              autocomplete="off"
              label={t('orders.amount')}
              hint={t('orders.owes', { amount: formatFen(order.outstandingFen) })}
              value={intent.pending ? ((intent.intent?.draft as { amount?: string })?.amount ?? amount) : amount}
              onValue={setAmount}
              error={intent.fieldError('amountFen')}
              required
            />
          )}
        </CommandForm>
      )}

      {open && order.outstandingFen > 0 && creditFen > 0 && (
        <CommandForm<{ paidFen: number; outstandingFen: number }>
          formId={`pay-credit:${order.orderId}`}
          title={t('order.creditLeft', { amount: formatFen(creditFen) })}
          submitLabel={t('order.useCredit', { amount: formatFen(Math.min(creditFen, order.outstandingFen)) })}
          onDone={after}
          build={() => {
            const fen = Math.min(creditFen, order.outstandingFen);
            return {
              command: {
                method: 'POST',
                path: `${path}/payments`,
                body: { amountFen: fen, source: 'CREDIT' },
                label: t('order.useCredit', { amount: formatFen(fen) }),
              },
            };
          }}
          outcome={(r) => t('orders.paymentDone', { paid: formatFen(r.paidFen), owed: formatFen(r.outstandingFen) })}
        />
      )}

      {order.status === 'PLACED' && (
        <>
          <CommandForm
            formId={`arrive:${order.orderId}`}
            title={t('orders.arrived')}
            submitLabel={t('orders.markArrived')}
            onDone={after}
            build={() => ({ command: { method: 'POST', path: `${path}/arrive`, label: t('orders.arriveLabel') } })}
          />
          <CommandForm<OrderView>
            formId={`cancel:${order.orderId}`}
            title={t('orders.cancel')}
            submitLabel={t('orders.cancel')}
            onDone={after}
            build={() => ({
              command: { method: 'POST', path: `${path}/cancel`, body: reason.trim() ? { reason: reason.trim() } : {}, label: t('orders.cancelLabel') },
              confirm:
                tabOnCancel > 0
                  ? t(refundOnCancel > 0 ? 'orders.cancelConfirmTabAndRest' : 'orders.cancelConfirmTab', {
                      tab: formatFen(tabOnCancel),
                      rest: formatFen(refundOnCancel),
                    })
                  : refundOnCancel === 0
                    ? t('orders.cancelConfirmNothing')
                    : creditOnCancel === 0
                      ? t('orders.cancelConfirmRefund', { amount: formatFen(refundOnCancel) })
                      : erased
                        ? t('orders.cancelConfirmErased', { amount: formatFen(refundOnCancel), credit: formatFen(creditOnCancel) })
                        : t('orders.cancelConfirmCredit', { credit: formatFen(creditOnCancel), cash: formatFen(refundOnCancel - creditOnCancel) }),
            })}
            outcome={(o) => {
              // What this cancel gave back, as the answer says: to the villager's credit, and the rest from the drawer.
              const credit = o.refundedToCreditFen - order.refundedToCreditFen;
              const tab = (o.refundedToTabFen ?? 0) - (order.refundedToTabFen ?? 0);
              const cash = o.refundedFen - order.refundedFen - credit - tab;
              const offTab = tab > 0 ? `${t('orders.cancelledTab', { tab: formatFen(tab) })} ` : '';
              if (credit > 0) return offTab + t('orders.cancelledCredit', { credit: formatFen(credit), cash: formatFen(cash) });
              return offTab + (cash > 0 ? t('orders.cancelledRefund', { amount: formatFen(cash) }) : t('orders.cancelled'));
            }}
          >
            {(intent) => <TextInput name="reason" label={t('orders.reason')} value={reason} onValue={setReason} error={intent.fieldError('reason')} />}
          </CommandForm>
        </>
      )}

      {order.status === 'AT_STATION' && !order.runId && !order.lockedForOps && (
        <CommandForm<OrderView>
          formId={`pickup:${order.orderId}`}
          title={t('orders.handOver')}
          submitLabel={t('orders.handOver')}
          onDone={after}
          // A wrong code counts; the fifth locks the order for ops: read it again, and the hand-over goes at once.
          onRefused={refresh}
          build={() => {
            const fen = fenFromField(cash, 'cashCollectedFen');
            if (!/^\d{6}$/.test(code.trim())) throw mistake('deliveryCode', 'field.deliveryCode');
            return {
              command: { method: 'POST', path: `${path}/pickup`, body: { deliveryCode: code.trim(), cashCollectedFen: fen }, label: t('orders.handOverLabel') },
              ...(fen > 0 ? { confirm: t('orders.handOverConfirm', { amount: formatFen(fen) }) } : {}),
            };
          }}
          outcome={(o) => {
            // What came into the drawer at hand-over: what was owed before it.
            const collected = order.outstandingFen - o.outstandingFen;
            return collected > 0 ? t('orders.handedOverCash', { amount: formatFen(collected) }) : t('orders.handedOver');
          }}
        >
          {(intent) => (
            <>
              <TextInput
                name="deliveryCode"
                inputMode="numeric"
                autocomplete="off"
                label={t('orders.code')}
                hint={t('orders.codeHint')}
                value={code}
                onValue={setCode}
                error={intent.fieldError('deliveryCode')}
                required
              />
              {order.outstandingFen > 0 && (
                <TextInput
                  name="cashCollectedFen"
                  inputMode="decimal"
                  autocomplete="off"
                  label={t('orders.cashNow')}
                  hint={t('orders.owes', { amount: formatFen(order.outstandingFen) })}
                  value={cash}
                  onValue={setCash}
                  error={intent.fieldError('cashCollectedFen')}
                />
              )}
            </>
          )}
        </CommandForm>
      )}

      {handedOver(order.status) &&
        (canReturn.length === 0 ? (
          <p class="hint">{t('orders.nothingReturnable')}</p>
        ) : (
          <CommandForm<{ refundFen: number; refundedToCreditFen: number }>
            formId={`return:${order.orderId}`}
            title={t('orders.return')}
            submitLabel={t('orders.return')}
            again={t('orders.anotherReturn')}
            onDone={(r, said) => {
              setReturnQty({});
              setReturnReason('');
              after(r, said);
            }}
            build={() => {
              for (const l of canReturn) {
                const n = (returnQty[l.sku] ?? '').trim() ? count(l.sku) : 0;
                if (!Number.isInteger(n) || n < 0 || n > returnableQty(l)) throw mistake(`return.${l.sku}`, 'field.count', { min: 0, max: returnableQty(l) });
              }
              const lines = returning.map((l) => ({ sku: l.sku, qty: count(l.sku) }));
              if (lines.length === 0) throw mistake('lines', 'field.returnLinesNeeded');
              if (!returnReason.trim()) throw mistake('reason', 'field.empty');
              const refundFen = lines.reduce((n, r) => n + canReturn.find((l) => l.sku === r.sku)!.onlinePriceFen * r.qty, 0);
              const credit = creditPart(order, refundFen);
              return {
                command: { method: 'POST', path: `${path}/returns`, body: { lines, reason: returnReason.trim() }, label: t('orders.returnLabel') },
                confirm:
                  credit === 0
                    ? t('orders.returnConfirm', { amount: formatFen(refundFen) })
                    : erased
                      ? t('orders.returnConfirmErased', { amount: formatFen(refundFen), credit: formatFen(credit) })
                      : t('orders.returnConfirmCredit', { credit: formatFen(credit), cash: formatFen(refundFen - credit) }),
              };
            }}
            outcome={(r) =>
              r.refundedToCreditFen > 0
                ? t('orders.returnedCredit', { credit: formatFen(r.refundedToCreditFen), cash: formatFen(r.refundFen - r.refundedToCreditFen) })
                : t('orders.returned.done', { amount: formatFen(r.refundFen) })
            }
          >
            {(intent) => {
              // The API names lines by their place in the request, which holds only the lines being returned.
              const requested = returning.map((x) => x.sku);
              return (
                <>
                  {intent.fieldError('lines') && <Notice shown={intent.fieldError('lines')} />}
                  {canReturn.map((l) => {
                    const i = requested.indexOf(l.sku);
                    const n = count(l.sku);
                    return (
                      <TextInput
                        key={l.sku}
                        name={`return-${l.sku}`}
                        inputMode="numeric"
                        autocomplete="off"
                        label={t('orders.returnQty', { name: l.title, max: returnableQty(l) })}
                        hint={n > 0 ? t('orders.refundFor', { amount: formatFen(n * l.onlinePriceFen) }) : undefined}
                        value={returnQty[l.sku] ?? ''}
                        onValue={(v) => setReturnQty((q) => ({ ...q, [l.sku]: v }))}
                        error={
                          intent.fieldError(`return.${l.sku}`) ??
                          (i >= 0 ? (intent.fieldError(`lines.${i}.qty`) ?? intent.fieldError(`lines.${i}.sku`)) : undefined)
                        }
                      />
                    );
                  })}
                  <TextInput
                    name="reason"
                    label={t('orders.reason')}
                    value={returnReason}
                    onValue={setReturnReason}
                    error={intent.fieldError('reason')}
                    required
                  />
                </>
              );
            }}
          </CommandForm>
        ))}
      {handedOver(order.status) && <NewClaim order={order} onDone={(c, said) => after(c, said)} />}
      {handedOver(order.status) && <OrderClaims order={order} refreshed={`${order.version}:${news ?? ''}`} onDone={(said) => after(undefined, said)} />}
      {order.replacementFor && (
        <p class="hint">
          {t('claims.replacement')}: <a href={`#/orders/${order.replacementFor.orderId}`}>{receiptNo(order.replacementFor.orderId)}</a>
        </p>
      )}
    </>
  );
}
