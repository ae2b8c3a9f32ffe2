import { categories } from '#domain/product.ts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t, type Key } from '../shared/i18n.ts';
import { fenToYuanInput, formatFen } from '../shared/money.ts';
import { fenFromField } from '../shared/problems.ts';
import { submit } from '../shared/queue.ts';
import { Choice, Figures, Money, Notice, Section, Select, TextInput, useAction } from '../shared/ui.tsx';
import { usePartner, villageName } from './context.ts';
import { RegisterVillager, VillagerSearch, type VillagerView } from './villagers.tsx';
import type { CartView as Cart, OrderView, Page, ProductView as Product, QuoteView, ReceiptView } from '../shared/types.ts';

/**
 * Delivery codes of receipts this page printed, in memory only: the API shows a
 * code once (placing, or a reprint that issues a new one), and a shared shop PC
 * should not keep it after the tab closes.
 */
const printedCodes = new Map<string, string>();

export type { OrderView };

interface Line {
  sku: string;
  title: string;
  qty: number;
  onlinePriceFen: number;
  localStorePriceFen: number;
}

function ProductPicker({ onAdd }: { onAdd: (p: Product) => void }) {
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [found, setFound] = useState<Product[] | undefined>();
  const action = useAction();
  useEffect(() => {
    const timer = setTimeout(() => {
      // The search understands pinyin (xiyiji), initials (xyj), Chinese words, English words and SKU prefixes, best matches first.
      const query = new URLSearchParams({ limit: '8', ...(q.trim() ? { q: q.trim() } : {}), ...(category ? { category } : {}) });
      void action.run(async () => setFound((await api<Page<Product>>('GET', `/v1/products?${query}`)).items));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, category]);
  return (
    <div class="picker">
      <div class="row2">
        <TextInput name="productSearch" type="search" label={t('order.searchProducts')} value={q} onValue={setQ} />
        <Select
          name="category"
          label={t('order.category')}
          value={category}
          onValue={setCategory}
          options={[['', t('order.allCategories')], ...categories.map((c): [string, string] => [c, t(`category.${c}`)])]}
        />
      </div>
      <Notice shown={action.problem} />
      <ul class="rows">
        {(found ?? []).map((p) => (
          <li key={p.sku}>
            <span>
              <strong>{p.title}</strong> <Money fen={p.onlinePriceFen} />{' '}
              {p.savingFen ? <small>{t('order.saves', { amount: formatFen(p.savingFen) })}</small> : null}
            </span>
            <button onClick={() => onAdd(p)} aria-label={t('order.addNamed', { name: p.title })}>
              {t('order.add')}
            </button>
          </li>
        ))}
      </ul>
      {found?.length === 0 && q.trim() && (
        <p class="hint" role="status">
          {t('order.noneFound')}
        </p>
      )}
    </div>
  );
}

export function NewOrder({ villagerId }: { villagerId?: string | undefined }) {
  const { station, go } = usePartner();
  const [villager, setVillager] = useState<VillagerView | undefined>();
  const [lines, setLines] = useState<Line[]>([]);
  const [cart, setCart] = useState<Cart | undefined>();
  const [carts, setCarts] = useState<Cart[]>([]);
  const [paymentMode, setPaymentMode] = useState('CASH_ON_ORDER');
  const [fulfilment, setFulfilment] = useState('STATION_PICKUP');
  const [cash, setCash] = useState('');
  const [quote, setQuote] = useState<QuoteView | undefined>();
  const [queued, setQueued] = useState(false);
  const action = useAction();

  useEffect(() => {
    if (villagerId) void action.run(async () => setVillager(await api<VillagerView>('GET', `/v1/stations/${station.stationId}/villagers/${villagerId}`)));
    void api<Page<Cart>>('GET', `/v1/stations/${station.stationId}/carts?status=OPEN&limit=10`)
      .then((p) => setCarts(p.items))
      .catch(() => undefined);
  }, [villagerId]);

  const totalFen = lines.reduce((n, l) => n + l.onlinePriceFen * l.qty, 0);
  const savingFen = lines.reduce((n, l) => n + Math.max(0, l.localStorePriceFen - l.onlinePriceFen) * l.qty, 0);
  useEffect(() => {
    setQuote(undefined);
    if (paymentMode === 'CASH_ON_ORDER') setCash(fenToYuanInput(totalFen));
    if (lines.length === 0) return;
    const timer = setTimeout(() => {
      void api<QuoteView>('POST', `/v1/stations/${station.stationId}/quotes`, { body: { lines: lines.map(({ sku, qty }) => ({ sku, qty })) } })
        .then(setQuote)
        .catch(() => undefined); // offline: the estimate from the catalogue prices stays
    }, 300);
    return () => clearTimeout(timer);
  }, [JSON.stringify(lines), paymentMode]);

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
    action.run(async () => {
      if (!villager) throw new Error(t('order.needVillager'));
      const cashFen = fenFromField(cash, 'cashReceivedFen');
      const body = {
        villagerId: villager.villagerId,
        ...(cart ? { cartId: cart.cartId } : { lines: lines.map(({ sku, qty }) => ({ sku, qty })) }),
        paymentMode,
        fulfilment,
        cashReceivedFen: cashFen,
      };
      const outcome = await submit<ReceiptView>({
        method: 'POST',
        path: `/v1/stations/${station.stationId}/orders`,
        body,
        label: t('order.placing', { name: villager.name, amount: formatFen(totalFen) }),
      });
      if (outcome.sent) {
        printedCodes.set(outcome.result.orderId, outcome.result.deliveryCode);
        go(`#/receipt/${outcome.result.orderId}`);
      } else setQueued(true);
    });

  return (
    <>
      <h1>{t('order.title')}</h1>
      <Notice shown={action.problem} />
      {queued && <Notice kind="info" shown={t('pending.queued')} />}
      <Section title={t('order.villager')} id="order-villager">
        {villager ? (
          <p class="picked">
            <strong>{villager.name}</strong> {villager.phone ?? ''} · {villageName(station, villager.villageId)}{' '}
            <button class="link" onClick={() => setVillager(undefined)}>
              {t('order.changeVillager')}
            </button>
          </p>
        ) : (
          <>
            <VillagerSearch pickLabel={t('order.choose')} onPick={setVillager} />
            <details>
              <summary>{t('villagers.new')}</summary>
              <RegisterVillager onRegistered={setVillager} />
            </details>
          </>
        )}
      </Section>
      {carts.length > 0 && (
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
      <Section title={t('order.goods')} id="order-goods">
        {!cart && <ProductPicker onAdd={add} />}
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
                    min={1}
                    max={99}
                    value={l.qty}
                    disabled={Boolean(cart)}
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
                    disabled={Boolean(cart)}
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
        <Choice
          legend={t('order.paymentMode')}
          name="paymentMode"
          value={paymentMode}
          onValue={setPaymentMode}
          options={[
            ['CASH_ON_ORDER', t('mode.CASH_ON_ORDER')],
            ['CASH_ON_DELIVERY', t('mode.CASH_ON_DELIVERY')],
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
        <TextInput
          name="cashReceivedFen"
          inputMode="decimal"
          label={t('order.cashNow')}
          hint={t('order.cashHint')}
          value={cash}
          onValue={setCash}
          error={action.fieldError('cashReceivedFen')}
        />
      </Section>
      <Section title={t('order.summary')} id="order-summary">
        <Figures
          live
          rows={[
            [t('order.total'), quote?.totalFen ?? totalFen],
            [t('order.saving'), quote?.savingsFen ?? savingFen],
            [t('order.commission'), quote?.commissionFen],
          ]}
        />
        <button class="big primary" disabled={action.busy || lines.length === 0 || !villager} onClick={() => void place()}>
          {t('order.confirm')}
        </button>
      </Section>
    </>
  );
}

export function Receipt({ orderId }: { orderId: string }) {
  const { station } = usePartner();
  const [order, setOrder] = useState<OrderView | undefined>();
  const [villager, setVillager] = useState<VillagerView | undefined>();
  const [code, setCode] = useState(printedCodes.get(orderId));
  const action = useAction();
  const reprint = useAction();
  useEffect(() => {
    setCode(printedCodes.get(orderId));
    void action.run(async () => {
      const o = await api<OrderView>('GET', `/v1/orders/${orderId}`);
      setOrder(o);
      setVillager(await api<VillagerView>('GET', `/v1/stations/${station.stationId}/villagers/${o.villagerId}`));
    });
  }, [orderId]);
  if (!order) return <Notice shown={action.problem} />;
  const reissue = () =>
    reprint.run(async () => {
      const outcome = await submit<ReceiptView>({ method: 'POST', path: `/v1/orders/${orderId}/receipt`, label: t('receipt.reprintLabel') });
      if (!outcome.sent) return;
      printedCodes.set(orderId, outcome.result.deliveryCode);
      setOrder(outcome.result);
      setCode(outcome.result.deliveryCode);
    });
  return (
    <article class="receipt">
      <h1>{t('receipt.title')}</h1>
      <p>
        {station.name} · {new Date(order.placedAt).toLocaleString(undefined, { timeZone: 'Asia/Shanghai' })}
      </p>
      <p>
        {t('receipt.for')} <strong>{villager?.name}</strong> · {villageName(station, order.villageId)} · {t(`fulfilment.${order.fulfilment}` as Key)}
      </p>
      <table class="lines">
        <caption class="sr-only">{t('order.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('order.product')}</th>
            <th scope="col">{t('order.qty')}</th>
            <th scope="col">{t('order.price')}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.sku}>
              <td>{l.title}</td>
              <td>{l.qty}</td>
              <td>
                <Money fen={l.lineTotalFen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Figures
        rows={[
          [t('order.total'), order.totalFen],
          [t('order.saving'), order.savingsFen],
          [t('receipt.paid'), order.paidFen],
          [t('receipt.outstanding'), order.outstandingFen],
        ]}
      />
      <p class="code-label">{t('receipt.code')}</p>
      {code ? (
        <>
          <p class="code" aria-label={t('receipt.codeSpoken', { code: code.split('').join(' ') })}>
            {code}
          </p>
          <p class="hint">{t('receipt.keep')}</p>
        </>
      ) : (
        <div class="no-print">
          <p class="hint">{t('receipt.codeOnce')}</p>
          <Notice shown={reprint.problem} />
          <button class="primary" onClick={() => void reissue()} disabled={reprint.busy}>
            {t('receipt.reprint')}
          </button>
        </div>
      )}
      <div class="no-print actions">
        <button class="primary" onClick={() => print()}>
          {t('receipt.print')}
        </button>
        <a class="button" href={`#/orders/${order.orderId}`}>
          {t('receipt.toOrder')}
        </a>
        <a class="button" href="#/order">
          {t('receipt.next')}
        </a>
      </div>
    </article>
  );
}
