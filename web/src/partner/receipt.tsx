import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { lang, t, type Key } from '../shared/i18n.ts';
import { receipt as storedReceipt, type StoredReceipt } from '../shared/intent.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { Figures, Money, Notice, useAction } from '../shared/ui.tsx';
import { receiptNo, usePartner, villageName } from './context.ts';
import type { VillagerView } from './villagers.tsx';
import { PrintHow } from './print-how.tsx';
import type { OrderView, TabView } from '../shared/types.ts';
import { formatFen } from '../shared/money.ts';
import { readTab } from './tab.tsx';

/** A lost code can be replaced (a new one, the old retired) until the goods are handed over, and not while ops hold the order. */
const reprintable = (o: OrderView) => ['PLACED', 'AT_STATION', 'OUT_FOR_DELIVERY'].includes(o.status) && !o.lockedForOps;

export function Receipt({ orderId }: { orderId: string }) {
  const { station } = usePartner();
  const [order, setOrder] = useState<OrderView | undefined>();
  const [kept, setKept] = useState<StoredReceipt | undefined>();
  const [villager, setVillager] = useState<VillagerView | undefined>();
  /** The villager's tab, for the due date of this order's part sold on it. */
  const [tab, setTab] = useState<TabView | undefined>();
  const action = useAction();
  useEffect(() => {
    // The receipt as placed is kept on this device (it alone carries the code); the order is read fresh when the network allows.
    void storedReceipt(orderId).then((r) => r && setKept(r));
    void action.run(async () => {
      const o = await api<OrderView>('GET', `/v1/orders/${orderId}`);
      setOrder(o);
      setVillager(await api<VillagerView>('GET', `/v1/stations/${station.stationId}/villagers/${o.villagerId}`));
      if (o.paidByTabFen) setTab(await readTab(station.stationId, o.villagerId));
    });
  }, [orderId]);
  const shown = order ?? (kept as unknown as OrderView | undefined);
  if (!shown) return <Notice shown={action.problem} />;
  const code = kept?.deliveryCode ?? (shown as { deliveryCode?: string }).deliveryCode;
  /** The last four digits of the phone the code went to by SMS, when it did. */
  const bySms = Boolean(order?.codeMessageId && !order.codeShownToPartner);
  const sentTo = (kept?.codeSentTo ?? (bySms ? villager?.phone : undefined))?.replace(/\D/g, '').slice(-4);
  return (
    <article class="receipt">
      <h1>{t('receipt.title')}</h1>
      <p>
        {t('receipt.number')} <strong class="receipt-no">{receiptNo(shown.orderId)}</strong> · {station.name} ·{' '}
        {new Date(shown.placedAt).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' })}
      </p>
      <p>
        {t('receipt.for')} <strong>{villager?.name ?? ''}</strong> · {villageName(station, shown.villageId)} · {t(`fulfilment.${shown.fulfilment}` as Key)} ·{' '}
        {t(`mode.${shown.paymentMode}` as Key)}
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
          {shown.lines.map((l) => (
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
          [t('order.total'), shown.totalFen],
          [t('order.saving'), shown.savingsFen],
          [t('receipt.paid'), shown.paidFen],
          [t('receipt.outstanding'), shown.outstandingFen],
        ]}
      />
      {order?.paidByTabFen ? <TabLine amountFen={order.paidByTabFen} dueDate={tab?.items.find((s) => s.orderId === order.orderId)?.dueDate} /> : null}
      {code ? (
        <>
          <p class="code-label">{t('receipt.code')}</p>
          <p class="code" aria-label={t('receipt.codeSpoken', { code: code.split('').join(' ') })}>
            {code}
          </p>
          <p class="hint">{t('receipt.keep')}</p>
        </>
      ) : sentTo ? (
        <>
          <p class="code-label">{t('receipt.code')}</p>
          <p class="code-sent">{t('receipt.codeSent', { tail: sentTo })}</p>
          <p class="hint">{t('receipt.codeSentHint')}</p>
          {reprintable(shown) && (
            <CommandForm<StoredReceipt>
              formId={`resend:${shown.orderId}`}
              submitLabel={t('receipt.resend')}
              build={() => ({
                command: { method: 'POST', path: `/v1/orders/${shown.orderId}/receipt`, label: t('receipt.reprintLabel') },
                kind: 'order',
              })}
              outcome={() => t('receipt.resent')}
              onDone={(r) => setKept(r)}
            >
              {() => <p class="hint">{t('receipt.resendHint')}</p>}
            </CommandForm>
          )}
        </>
      ) : bySms && !villager ? null : reprintable(shown) ? (
        <CommandForm<StoredReceipt>
          formId={`reprint:${shown.orderId}`}
          submitLabel={t('receipt.reprint')}
          build={() => ({
            command: { method: 'POST', path: `/v1/orders/${shown.orderId}/receipt`, label: t('receipt.reprintLabel') },
            kind: 'order',
          })}
          outcome={() => t('receipt.code')}
          onDone={(r) => setKept(r)}
        >
          {() => <p class="hint">{t('receipt.codeOnce')}</p>}
        </CommandForm>
      ) : (
        <p class="hint">{t('receipt.noCode')}</p>
      )}
      <div class="no-print actions">
        <button class="primary" onClick={() => print()}>
          {t('receipt.print')}
        </button>
        <a class="button" href={`#/orders/${shown.orderId}`}>
          {t('receipt.toOrder')}
        </a>
        <a class="button" href="#/order">
          {t('receipt.next')}
        </a>
      </div>
      <PrintHow />
    </article>
  );
}

/** The part sold on the tab and when it falls due, as the villager takes it home. */
function TabLine({ amountFen, dueDate }: { amountFen: number; dueDate: string | undefined }) {
  return (
    <p class="tab-line" data-testid="receipt-tab">
      <strong>{dueDate ? t('receipt.tab', { amount: formatFen(amountFen), date: dueDate }) : t('receipt.tabNoDate', { amount: formatFen(amountFen) })}</strong>
    </p>
  );
}
