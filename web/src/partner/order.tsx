import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from '../shared/i18n.ts';
import { changeFor, fenToYuanInput, formatFen, readYuan } from '../shared/money.ts';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { IntentStatus, useIntent } from '../shared/intent-ui.tsx';
import { forget } from '../shared/intent.ts';
import { Choice, Figures, Money, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import { usePartner, villageName } from './context.ts';
import { ProductPicker, type Line } from './product-picker.tsx';
import { RegisterVillager, VillagerSearch, type VillagerView } from './villagers.tsx';
import type { CartView as Cart, OrderView, Page, ProductView as Product, QuoteView, TabView } from '../shared/types.ts';
import { readTab } from './tab.tsx';

export type { OrderView };

interface OrderDraft {
  villager?: VillagerView | undefined;
  lines: Line[];
  cart?: Cart | undefined;
  paymentMode: string;
  fulfilment: string;
  handed: string;
}

export function NewOrder({ villagerId }: { villagerId?: string | undefined }) {
  const { station, go } = usePartner();
  const [villager, setVillager] = useState<VillagerView | undefined>();
  const [lines, setLines] = useState<Line[]>([]);
  const [cart, setCart] = useState<Cart | undefined>();
  const [carts, setCarts] = useState<Cart[]>([]);
  const [paymentMode, setPaymentMode] = useState('CASH_ON_ORDER');
  const [fulfilment, setFulfilment] = useState('STATION_PICKUP');
  /** Cash the villager hands over now (CASH_ON_ORDER only); empty means exactly the total. */
  const [handed, setHanded] = useState('');
  const [quote, setQuote] = useState<QuoteView | undefined>();
  /** The villager's tab, when they have one: 赊账 is offered while it can take a sale. */
  const [tab, setTab] = useState<TabView | undefined>();
  const intent = useIntent<OrderView>('order:new');
  const load = useAction();

  // A form sent earlier: waiting (shown locked, as it was), or refused (as it was, to correct).
  useEffect(() => {
    if (!intent.loaded) return;
    const i = intent.intent;
    if (i?.state === 'pending' || i?.state === 'refused') {
      const d = i.draft as OrderDraft;
      setVillager(d.villager);
      setLines(d.lines);
      setCart(d.cart);
      setPaymentMode(d.paymentMode);
      setFulfilment(d.fulfilment);
      setHanded(d.handed);
    }
  }, [intent.loaded, intent.intent?.state]);

  useEffect(() => {
    if (villagerId) void load.run(async () => setVillager(await api<VillagerView>('GET', `/v1/stations/${station.stationId}/villagers/${villagerId}`)));
    void api<Page<Cart>>('GET', `/v1/stations/${station.stationId}/carts?status=OPEN&limit=10`)
      .then((p) => setCarts(p.items))
      .catch(() => undefined);
  }, [villagerId]);

  useEffect(() => {
    setTab(undefined);
    if (!villager?.phone) return;
    let live = true;
    void readTab(station.stationId, villager.villagerId)
      .then((tb) => live && setTab(tb))
      .catch(() => undefined); // offline: no tab offered
    return () => {
      live = false;
    };
  }, [villager?.villagerId]);
  // 赊账 chosen for one villager is not carried over to the next (whose tab may not allow it).
  const paymentFor = useRef(villager?.villagerId);
  useEffect(() => {
    if (paymentFor.current !== undefined && paymentFor.current !== villager?.villagerId) setPaymentMode((m) => (m === 'TAB' ? 'CASH_ON_ORDER' : m));
    paymentFor.current = villager?.villagerId;
  }, [villager?.villagerId]);
  const tabUsable = tab?.status === 'ACTIVE' && tab.availableFen > 0;

  const estimateFen = lines.reduce((n, l) => n + l.onlinePriceFen * l.qty, 0);
  const savingFen = lines.reduce((n, l) => n + Math.max(0, l.localStorePriceFen - l.onlinePriceFen) * l.qty, 0);
  const totalFen = quote?.totalFen ?? estimateFen;
  useEffect(() => {
    setQuote(undefined);
    if (lines.length === 0) return;
    const timer = setTimeout(() => {
      void api<QuoteView>('POST', `/v1/stations/${station.stationId}/quotes`, { body: { lines: lines.map(({ sku, qty }) => ({ sku, qty })) } })
        .then(setQuote)
        .catch(() => undefined); // offline: the estimate from the catalogue prices stays
    }, 300);
    return () => clearTimeout(timer);
  }, [JSON.stringify(lines)]);

  const cashNow = paymentMode === 'CASH_ON_ORDER';
  /** 赊账: placed with nothing taken now, then sold on the tab from the order's page (a code to the villager's phone). */
  const onTab = paymentMode === 'TAB';
  const handedReading = handed.trim() ? readYuan(handed) : { fen: totalFen };
  const handedFen = 'fen' in handedReading ? handedReading.fen : undefined;
  const cash = cashNow && handedFen !== undefined ? changeFor(totalFen, handedFen) : undefined;

  const add = (p: Product) => {
    setCart(undefined);
    setLines((ls) =>
      ls.some((l) => l.sku === p.sku)
        ? ls.map((l) => (l.sku === p.sku ? { ...l, qty: Math.min(99, l.qty + 1) } : l))
        : [...ls, { sku: p.sku, title: p.title, qty: 1, onlinePriceFen: p.onlinePriceFen, localStorePriceFen: p.localStorePriceFen }],
    );
  };
  const useCart = (c: Cart) => {
    setCart(c);
    setLines(c.lines);
    if (c.villagerId && !villager) void api<VillagerView>('GET', `/v1/stations/${station.stationId}/villagers/${c.villagerId}`).then(setVillager);
  };

  const place = () =>
    intent.submit(() => {
      if (!villager) throw mistake('villagerId', 'field.chooseVillager');
      if (lines.length === 0) throw mistake('lines', 'field.linesNeeded');
      // Cash on delivery takes nothing now, whatever the field held; cash on order takes at most the total, the rest is change.
      const takenFen = cashNow ? changeFor(totalFen, fenFromField(handed || fenToYuanInput(totalFen), 'cashReceivedFen')).takenFen : 0;
      const draft: OrderDraft = { villager, lines, cart, paymentMode, fulfilment, handed };
      return {
        command: {
          method: 'POST',
          path: `/v1/stations/${station.stationId}/orders`,
          body: {
            villagerId: villager.villagerId,
            ...(cart ? { cartId: cart.cartId } : { lines: lines.map(({ sku, qty }) => ({ sku, qty })) }),
            paymentMode: onTab ? 'CASH_ON_DELIVERY' : paymentMode,
            fulfilment,
            cashReceivedFen: takenFen,
          },
          label: t('order.placing', { name: villager.name, amount: formatFen(totalFen) }),
        },
        draft,
        kind: 'order',
      };
    });

  // Placed (here, or while the partner was away): its receipt, once. The form is done with then, so that 下一单, 下单
  // or Back from the receipt open a blank form, never the last villager's receipt again.
  useEffect(() => {
    const placed = intent.done?.result;
    // On the tab: the order's page, where the code is sent and the sale put on the tab; its receipt follows from there.
    const toTab = (intent.done?.draft as OrderDraft | undefined)?.paymentMode === 'TAB';
    if (placed) void forget('order:new').then(() => go(toTab ? `#/orders/${placed.orderId}` : `#/receipt/${placed.orderId}`));
  }, [intent.done?.key]);

  const locked = intent.locked;
  return (
    <>
      <h1>{t('order.title')}</h1>
      <Notice shown={load.problem} />
      <Section title={t('order.villager')} id="order-villager">
        {villager ? (
          <p class="picked">
            <strong>{villager.name}</strong> {villager.phone ?? ''} · {villageName(station, villager.villageId)}{' '}
            {!locked && (
              <button class="link" onClick={() => setVillager(undefined)}>
                {t('order.changeVillager')}
              </button>
            )}
          </p>
        ) : (
          <>
            {intent.fieldError('villagerId') && <Notice shown={intent.fieldError('villagerId')} />}
            <VillagerSearch pickLabel={t('order.choose')} onPick={setVillager} />
            <details>
              <summary>{t('villagers.new')}</summary>
              <RegisterVillager formId="villager:new:order" onRegistered={setVillager} />
            </details>
          </>
        )}
      </Section>
      <Section title={t('order.goods')} id="order-goods">
        {!cart && !locked && <ProductPicker onAdd={add} />}
        <table class="lines">
          <caption class="sr-only">{t('order.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('order.product')}</th>
              <th scope="col">{t('order.qty')}</th>
              <th scope="col">{t('order.price')}</th>
              <th scope="col">
                <span class="sr-only">{t('order.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.sku}>
                <td>{l.title}</td>
                <td>
                  <input
                    class="qty"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={99}
                    value={l.qty}
                    disabled={Boolean(cart) || locked}
                    aria-label={t('order.qtyOf', { name: l.title })}
                    onInput={(e) => {
                      const qty = Math.max(1, Math.min(99, Number((e.target as HTMLInputElement).value) || 1));
                      setLines((ls) => ls.map((x, j) => (j === i ? { ...x, qty } : x)));
                    }}
                  />
                </td>
                <td>
                  <Money fen={l.onlinePriceFen * l.qty} />
                </td>
                <td>
                  <button
                    class="link"
                    disabled={Boolean(cart) || locked}
                    onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                    aria-label={t('order.removeNamed', { name: l.title })}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {lines.length === 0 && <p class="empty">{t('order.noLines')}</p>}
      </Section>
      <Section title={t('order.payment')} id="order-payment">
        <fieldset class="plain" disabled={locked}>
          <legend class="sr-only">{t('order.payment')}</legend>
          <Choice
            legend={t('order.paymentMode')}
            name="paymentMode"
            value={paymentMode}
            onValue={setPaymentMode}
            options={[
              ['CASH_ON_ORDER', t('mode.CASH_ON_ORDER')],
              ['CASH_ON_DELIVERY', t('mode.CASH_ON_DELIVERY')],
              ...(tabUsable || onTab ? [['TAB', t('mode.TAB')] as [string, string]] : []),
            ]}
          />
          <Choice
            legend={t('order.fulfilment')}
            name="fulfilment"
            value={fulfilment}
            onValue={setFulfilment}
            options={[
              ['STATION_PICKUP', t('fulfilment.STATION_PICKUP')],
              ['HOME_DELIVERY', t('fulfilment.HOME_DELIVERY')],
            ]}
          />
          {cashNow ? (
            <TextInput
              name="cashReceivedFen"
              inputMode="decimal"
              autocomplete="off"
              label={t('order.handed')}
              hint={t('order.handedHint', { amount: formatFen(totalFen) })}
              placeholder={fenToYuanInput(totalFen)}
              value={handed}
              onValue={setHanded}
              error={intent.fieldError('cashReceivedFen')}
            />
          ) : onTab ? (
            <p class="hint">{t('order.tabHint', { available: formatFen(tab?.availableFen ?? 0) })}</p>
          ) : (
            <p class="hint">{t('order.codHint', { amount: formatFen(totalFen) })}</p>
          )}
        </fieldset>
      </Section>
      <Section title={t('order.summary')} id="order-summary">
        <Figures
          live
          rows={[
            [t('order.total'), totalFen],
            [t('order.saving'), quote?.savingsFen ?? savingFen],
            [t('order.commission'), quote?.commissionFen],
            [t('order.intoDrawer'), cash ? cash.takenFen : 0],
            Boolean(cash?.changeFen) && [t('order.change'), cash!.changeFen],
            cashNow && Boolean(cash?.shortFen) && [t('order.stillOwed'), cash!.shortFen],
            !cashNow && !onTab && [t('order.onDelivery'), totalFen],
            onTab && [t('order.onTab'), totalFen],
          ]}
        />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            place();
          }}
        >
          <IntentStatus intent={intent} submitLabel={t('order.confirm')} />
        </form>
        {(intent.pending || intent.intent?.state === 'refused') && (
          <button type="button" class="link" onClick={() => void intent.reset()} hidden={intent.pending}>
            {t('order.startOver')}
          </button>
        )}
      </Section>
      {/* Last: carts arrive after the form is drawn, and add below it rather than push it down. */}
      {carts.length > 0 && !locked && (
        <Section title={t('order.kioskCarts')} id="kiosk-carts">
          <ul class="rows">
            {carts.map((c) => (
              <li key={c.cartId}>
                <span>
                  {t('order.cartNo', { no: c.cartNo })} · <Money fen={c.totalFen} />
                </span>
                <button onClick={() => useCart(c)} aria-pressed={cart?.cartId === c.cartId}>
                  {t('order.useCart')}
                </button>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}
