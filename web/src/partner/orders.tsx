import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t, type Key } from '../shared/i18n.ts';
import { fenToYuanInput, formatFen } from '../shared/money.ts';
import { fenFromField } from '../shared/problems.ts';
import { submit } from '../shared/queue.ts';
import { Figures, Money, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import { usePartner, villageName } from './context.ts';
import type { OrderView, Page } from '../shared/types.ts';

const statuses = ['PLACED', 'AT_STATION', 'OUT_FOR_DELIVERY', 'PICKED_UP', 'DELIVERED', 'CANCELLED'] as const;
export const statusText = (s: string) => t(`status.${s}` as Key);

export function OrderList() {
  const { station } = usePartner();
  const [status, setStatus] = useState<string>('AT_STATION');
  const [orders, setOrders] = useState<OrderView[]>([]);
  const action = useAction();
  useEffect(() => {
    void action.run(async () => setOrders((await api<Page<OrderView>>('GET', `/v1/stations/${station.stationId}/orders?status=${status}&limit=50`)).items));
  }, [status]);
  return (
    <>
      <h1>{t('nav.orders')}</h1>
      <div class="tabs" role="group" aria-label={t('orders.byStatus')}>
        {statuses.map((s) => (
          <button key={s} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {statusText(s)}
          </button>
        ))}
      </div>
      <Notice shown={action.problem} />
      <ul class="rows">
        {orders.map((o) => (
          <li key={o.orderId}>
            <a href={`#/orders/${o.orderId}`}>
              {o.lines.map((l) => `${l.title} ×${l.qty}`).join('、')} · {villageName(station, o.villageId)}
            </a>
            <span>
              <Money fen={o.totalFen} /> {o.outstandingFen > 0 && <small>{t('orders.owes', { amount: formatFen(o.outstandingFen) })}</small>}
            </span>
          </li>
        ))}
        {orders.length === 0 && !action.busy && <li class="empty">{t('orders.none')}</li>}
      </ul>
    </>
  );
}

/** A form that sends one command through the offline queue, and says what happened. */
function CommandForm(props: {
  title: string;
  submitLabel: string;
  children?: (fieldError: (name: string) => string | undefined) => preact.ComponentChildren;
  command: () => { method: string; path: string; body?: unknown; label: string } | undefined;
  onDone: () => void;
}) {
  const action = useAction();
  const [note, setNote] = useState<string | undefined>();
  return (
    <form
      class="command"
      onSubmit={(e) => {
        e.preventDefault();
        setNote(undefined);
        void action.run(async () => {
          const command = props.command();
          if (!command) return;
          const outcome = await submit(command);
          if (outcome.sent) {
            setNote(t('done'));
            props.onDone();
          } else setNote(t('pending.queued'));
        });
      }}
    >
      <h3>{props.title}</h3>
      <Notice shown={action.problem} />
      <Notice shown={note} kind="ok" />
      {props.children?.(action.fieldError)}
      <button class="primary" type="submit" disabled={action.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}

export function OrderDetail({ orderId }: { orderId: string }) {
  const { station } = usePartner();
  const [order, setOrder] = useState<OrderView | undefined>();
  const [amount, setAmount] = useState('');
  const [code, setCode] = useState('');
  const [cash, setCash] = useState('');
  const [reason, setReason] = useState('');
  const [returnQty, setReturnQty] = useState<Record<string, string>>({});
  const load = useAction();
  const refresh = () =>
    void load.run(async () => {
      const o = await api<OrderView>('GET', `/v1/orders/${orderId}`);
      setOrder(o);
      setCash(fenToYuanInput(o.outstandingFen));
    });
  useEffect(refresh, [orderId]);
  if (!order) return <Notice shown={load.problem} />;

  const path = `/v1/orders/${order.orderId}`;
  const open = order.status === 'PLACED' || order.status === 'AT_STATION' || order.status === 'OUT_FOR_DELIVERY';
  const handedOver = order.status === 'PICKED_UP' || order.status === 'DELIVERED';

  return (
    <>
      <h1>{t('orders.order')}</h1>
      <Notice shown={load.problem} />
      <Section title={statusText(order.status)} id="order-status">
        <p>{order.lines.map((l) => `${l.title} ×${l.qty}${l.returnedQty ? ` (${t('orders.returned', { n: l.returnedQty })})` : ''}`).join('、')}</p>
        <Figures
          rows={[
            [t('order.total'), order.totalFen],
            [t('receipt.paid'), order.paidFen],
            [t('receipt.outstanding'), order.outstandingFen],
            [t('order.commission'), order.commissionFen],
            order.refundedFen > 0 && [t('orders.refunded'), order.refundedFen],
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

      {open && order.outstandingFen > 0 && (
        <CommandForm
          title={t('orders.takePayment')}
          submitLabel={t('orders.takePayment')}
          onDone={() => {
            setAmount('');
            refresh();
          }}
          command={() => ({
            method: 'POST',
            path: `${path}/payments`,
            body: { amountFen: fenFromField(amount, 'amountFen') },
            label: t('orders.paymentLabel', { amount: amount }),
          })}
        >
          {(fieldError) => (
            <TextInput
              name="amountFen"
              inputMode="decimal"
              label={t('orders.amount')}
              hint={t('orders.owes', { amount: formatFen(order.outstandingFen) })}
              value={amount}
              onValue={setAmount}
              error={fieldError('amountFen')}
              required
            />
          )}
        </CommandForm>
      )}

      {order.status === 'PLACED' && (
        <>
          <CommandForm
            title={t('orders.arrived')}
            submitLabel={t('orders.markArrived')}
            onDone={refresh}
            command={() => ({ method: 'POST', path: `${path}/arrive`, label: t('orders.arriveLabel') })}
          />
          <CommandForm
            title={t('orders.cancel')}
            submitLabel={t('orders.cancel')}
            onDone={refresh}
            command={() => ({ method: 'POST', path: `${path}/cancel`, body: reason.trim() ? { reason: reason.trim() } : {}, label: t('orders.cancelLabel') })}
          >
            {(fieldError) => <TextInput name="reason" label={t('orders.reason')} value={reason} onValue={setReason} error={fieldError('reason')} />}
          </CommandForm>
        </>
      )}

      {order.status === 'AT_STATION' && !order.runId && (
        <CommandForm
          title={t('orders.handOver')}
          submitLabel={t('orders.handOver')}
          onDone={refresh}
          command={() => ({
            method: 'POST',
            path: `${path}/pickup`,
            body: { deliveryCode: code.trim(), cashCollectedFen: fenFromField(cash, 'cashCollectedFen') },
            label: t('orders.handOverLabel'),
          })}
        >
          {(fieldError) => (
            <>
              <TextInput
                name="deliveryCode"
                inputMode="numeric"
                autocomplete="off"
                label={t('orders.code')}
                hint={t('orders.codeHint')}
                value={code}
                onValue={setCode}
                error={fieldError('deliveryCode')}
                required
              />
              <TextInput
                name="cashCollectedFen"
                inputMode="decimal"
                label={t('orders.cashNow')}
                value={cash}
                onValue={setCash}
                error={fieldError('cashCollectedFen')}
              />
            </>
          )}
        </CommandForm>
      )}

      {handedOver && (
        <CommandForm
          title={t('orders.return')}
          submitLabel={t('orders.return')}
          onDone={() => {
            setReturnQty({});
            refresh();
          }}
          command={() => {
            const lines = order.lines.filter((l) => Number(returnQty[l.sku] ?? 0) > 0).map((l) => ({ sku: l.sku, qty: Number(returnQty[l.sku]) }));
            return { method: 'POST', path: `${path}/returns`, body: { lines, reason: reason.trim() }, label: t('orders.returnLabel') };
          }}
        >
          {(fieldError) => {
            // The API names lines by their place in the request, which holds only the lines being returned.
            const requested = order.lines.filter((x) => Number(returnQty[x.sku] ?? 0) > 0).map((x) => x.sku);
            return (
              <>
                {order.lines.map((l) => {
                  const i = requested.indexOf(l.sku);
                  return (
                    <TextInput
                      key={l.sku}
                      name={`return-${l.sku}`}
                      type="number"
                      min={0}
                      max={l.qty - l.returnedQty}
                      label={t('orders.returnQty', { name: l.title, max: l.qty - l.returnedQty })}
                      value={returnQty[l.sku] ?? ''}
                      onValue={(v) => setReturnQty((q) => ({ ...q, [l.sku]: v }))}
                      error={i >= 0 ? (fieldError(`lines.${i}.qty`) ?? fieldError(`lines.${i}.sku`)) : undefined}
                    />
                  );
                })}
                <TextInput
                  name="reason"
                  label={t('orders.reason')}
                  value={reason}
                  onValue={setReason}
                  error={fieldError('reason') ?? fieldError('lines')}
                  required
                />
              </>
            );
          }}
        </CommandForm>
      )}
    </>
  );
}
