import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from './texts.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { formatFen } from '../shared/money.ts';
import { mistake } from '../shared/mistakes.ts';
import { Figures, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { Balances, BillPaymentView, ClaimView, LotSummary, OrderView, Page, RemittanceView, StationView, FlaggedCountView } from '../shared/types.ts';
import { locale } from './common.ts';

/** Stations looked at for their cash and their locked orders: a county's network (one page of the list). */
const stationsRead = 100;

interface Needs {
  remittances: Page<RemittanceView>;
  bills: Page<BillPaymentView>;
  claims: Page<ClaimView>;
  lots: Page<LotSummary>;
  flagged: Page<FlaggedCountView>;
  overLimit: { station: StationView; balances: Balances }[];
  locked: { station: StationView; order: OrderView }[];
  stations: Map<string, StationView>;
}

/**
 * What needs an operator, each with a count and a link (SPEC §6): each kind
 * of work is a loader in `read` and a section below.
 */
async function read(): Promise<Needs> {
  const [remittances, flagged, stations, bills, claims, lots] = await Promise.all([
    api<Page<RemittanceView>>('GET', '/v1/remittances?status=PENDING&limit=100'),
    api<Page<FlaggedCountView>>('GET', '/v1/cash-counts?flagged=true&limit=100'),
    api<Page<StationView>>('GET', `/v1/stations?limit=${stationsRead}`),
    api<Page<BillPaymentView>>('GET', '/v1/bill-payments?limit=100'),
    api<Page<ClaimView>>('GET', '/v1/claims?limit=100'),
    api<Page<LotSummary>>('GET', '/v1/produce-lots?status=OPEN&limit=100'),
  ]);
  const perStation = await Promise.all(
    stations.items.map(async (station) => {
      const base = `/v1/stations/${station.stationId}`;
      // Orders lock at hand-over (at the station) or at the door (out for delivery).
      const [balances, atStation, out] = await Promise.all([
        api<Balances>('GET', `${base}/cash`),
        api<Page<OrderView>>('GET', `${base}/orders?status=AT_STATION&limit=100`),
        api<Page<OrderView>>('GET', `${base}/orders?status=OUT_FOR_DELIVERY&limit=100`),
      ]);
      return { station, balances, locked: [...atStation.items, ...out.items].filter((o) => o.lockedForOps) };
    }),
  );
  return {
    remittances,
    bills,
    claims,
    lots,
    flagged,
    overLimit: perStation.filter((s) => s.balances.overLimit).map(({ station, balances }) => ({ station, balances })),
    locked: perStation.flatMap(({ station, locked }) => locked.map((order) => ({ station, order }))),
    stations: new Map(stations.items.map((s) => [s.stationId, s])),
  };
}

/** Whole days from `iso` to now. */
const daysSince = (iso: string) => Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 86_400_000));
const day = (iso: string) => new Date(iso).toLocaleDateString(locale(), { timeZone: 'Asia/Shanghai', dateStyle: 'short' });
const kg = (grams: number) => (grams / 1000).toLocaleString(locale(), { maximumFractionDigits: 3 });

const when = (iso: string) => new Date(iso).toLocaleString(locale(), { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });

export function NeedsScreen() {
  const [needs, setNeeds] = useState<Needs | undefined>();
  const load = useAction();
  const refresh = () => void load.run(async () => setNeeds(await read()));
  useEffect(refresh, []);
  const name = (stationId: string) => needs?.stations.get(stationId)?.name ?? stationId;
  const count = (page: Page<unknown> | unknown[] | undefined) => (page === undefined ? undefined : Array.isArray(page) ? page.length : page.items.length);
  return (
    <>
      <h1>{t('ops.needs.title')}</h1>
      <Notice shown={load.problem} />
      <nav aria-label={t('ops.needs.summary')} class="card">
        <ul class="needs">
          <li>
            <a href="#locked">{t('ops.needs.locked')}</a> <strong>{count(needs?.locked) ?? '…'}</strong>
          </li>
          <li>
            <a href="#remittances">{t('ops.needs.remittances')}</a> <strong>{count(needs?.remittances) ?? '…'}</strong>
          </li>
          <li>
            <a href="#flagged">{t('ops.needs.flagged')}</a> <strong>{count(needs?.flagged) ?? '…'}</strong>
          </li>
          <li>
            <a href="#over-limit">{t('ops.needs.overLimit')}</a> <strong>{count(needs?.overLimit) ?? '…'}</strong>
          </li>
          <li>
            <a href="#pending-bills">{t('ops.needs.bills')}</a> <strong>{count(needs?.bills) ?? '…'}</strong>
          </li>
          <li>
            <a href="#open-claims">{t('ops.needs.claims')}</a> <strong>{count(needs?.claims) ?? '…'}</strong>
          </li>
          <li>
            <a href="#open-lots">{t('ops.needs.lots')}</a> <strong>{count(needs?.lots) ?? '…'}</strong>
          </li>
        </ul>
      </nav>
      <Section title={t('ops.needs.locked')} id="locked">
        {needs && needs.locked.length === 0 && <p>{t('ops.none')}</p>}
        <ul class="rows">
          {needs?.locked.map(({ station, order }) => (
            <li key={order.orderId}>
              <a href={`#/orders/${order.orderId}`}>{t('ops.order.link', { id: order.orderId.slice(-6), station: station.name })}</a>{' '}
              <span class="hint">{t('ops.order.tries', { n: order.wrongCodeAttempts })}</span>
            </li>
          ))}
        </ul>
        <FindOrder />
      </Section>
      <Section title={t('ops.needs.remittances')} id="remittances">
        {needs && needs.remittances.items.length === 0 && <p>{t('ops.none')}</p>}
        {needs?.remittances.items.map((r) => (
          <div class="item" key={r.remittanceId}>
            <p>
              <strong>{name(r.stationId)}</strong> · {formatFen(r.amountFen)} · {t('ops.remittance.reference', { reference: r.reference })} ·{' '}
              {when(r.remittedAt)}
            </p>
            <div class="actions">
              <CommandForm<RemittanceView>
                formId={`ops:confirm:${r.remittanceId}`}
                submitLabel={t('ops.remittance.confirm')}
                build={() => ({ command: { method: 'POST', path: `/v1/remittances/${r.remittanceId}/confirm`, label: t('ops.remittance.confirm') } })}
                outcome={(done) => t('ops.remittance.confirmed', { amount: formatFen(done.amountFen) })}
              />
              <RejectRemittance remittance={r} />
            </div>
          </div>
        ))}
      </Section>
      <Section title={t('ops.needs.flagged')} id="flagged">
        {needs && needs.flagged.items.length === 0 && <p>{t('ops.none')}</p>}
        <ul class="rows">
          {needs?.flagged.items.map((c) => (
            <li key={c.countId}>
              <a href={`#/stations/${c.stationId}`}>{name(c.stationId)}</a> ·{' '}
              {t('ops.count.variance', { variance: formatFen(c.varianceFen), limit: formatFen(c.varianceLimitFen) })} · {when(c.at)}
              {c.reason && <span class="hint"> · {c.reason}</span>}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('ops.needs.overLimit')} id="over-limit">
        {needs && needs.overLimit.length === 0 && <p>{t('ops.none')}</p>}
        <ul class="rows">
          {needs?.overLimit.map(({ station, balances }) => (
            <li key={station.stationId}>
              <a href={`#/stations/${station.stationId}`}>{station.name}</a> ·{' '}
              {t('ops.cash.over', { held: formatFen(balances.drawerFen + balances.pendingRemittancesFen), limit: formatFen(balances.cashLimitFen) })}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('ops.needs.bills')} id="pending-bills">
        {needs && needs.bills.items.length === 0 && <p>{t('ops.none')}</p>}
        <ul class="rows">
          {needs?.bills.items.map((b) => (
            <li key={b.billPaymentId}>
              <a href={`#/stations/${b.stationId}`}>{name(b.stationId)}</a> ·{' '}
              {t('ops.bill.pending', { biller: b.billerName, account: b.accountNo, amount: formatFen(b.totalFen), when: when(b.createdAt) })}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('ops.needs.claims')} id="open-claims">
        {needs && needs.claims.items.length === 0 && <p>{t('ops.none')}</p>}
        <ul class="rows">
          {needs?.claims.items.map((c) => (
            <li key={c.claimId}>
              <a href={`#/stations/${c.stationId}`}>{name(c.stationId)}</a> ·{' '}
              {t('ops.claim.open', {
                title: c.title,
                problem: c.source === 'DEAD_ON_ARRIVAL' ? t('ops.claim.deadOnArrival') : c.problem,
                days: daysSince(c.openedAt),
                status: t(`claimStatus.${c.status}` as Parameters<typeof t>[0]),
              })}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('ops.needs.lots')} id="open-lots">
        {needs && needs.lots.items.length === 0 && <p>{t('ops.none')}</p>}
        <ul class="rows">
          {needs?.lots.items.map((l) => (
            <li key={l.lotId}>
              <a href={`#/stations/${l.stationId}`}>{name(l.stationId)}</a> ·{' '}
              {t('ops.lot.open', { code: l.code, title: l.title, grade: l.grade, kg: kg(l.netGrams), amount: formatFen(l.amountFen), opened: day(l.openedAt) })}
            </li>
          ))}
        </ul>
      </Section>
      <button type="button" onClick={refresh} disabled={load.busy}>
        {t('ops.refresh')}
      </button>
    </>
  );
}

function RejectRemittance({ remittance }: { remittance: RemittanceView }) {
  const [reason, setReason] = useState('');
  return (
    <CommandForm<RemittanceView>
      formId={`ops:reject:${remittance.remittanceId}`}
      submitLabel={t('ops.remittance.reject')}
      build={() => ({
        command: { method: 'POST', path: `/v1/remittances/${remittance.remittanceId}/reject`, body: { reason }, label: t('ops.remittance.reject') },
      })}
      outcome={() => t('ops.remittance.rejected')}
    >
      {(intent) => (
        <TextInput name="reason" label={t('ops.remittance.reason')} value={reason} onValue={setReason} error={intent.fieldError('reason')} required />
      )}
    </CommandForm>
  );
}

/** Unlocking says why: what was checked with the villager, kept on the order. */
function UnlockOrder({ orderId, onDone }: { orderId: string; onDone: (after: OrderView) => void }) {
  const [reason, setReason] = useState('');
  return (
    <CommandForm<OrderView>
      formId={`ops:unlock:${orderId}`}
      submitLabel={t('ops.order.unlock')}
      build={() => {
        if (!reason.trim()) throw mistake('reason', 'field.empty');
        return { command: { method: 'POST', path: `/v1/orders/${orderId}/unlock`, body: { reason }, label: t('ops.order.unlock') }, draft: { reason } };
      }}
      outcome={() => t('ops.order.unlocked')}
      onDone={onDone}
    >
      {(intent) => (
        <TextInput
          name="reason"
          label={t('ops.order.unlockReason')}
          hint={t('ops.order.unlockReasonHint')}
          value={reason}
          onValue={setReason}
          error={intent.fieldError('reason')}
          maxLength={200}
          required
        />
      )}
    </CommandForm>
  );
}

/** An order the partner called about, by its number. */
function FindOrder() {
  const [id, setId] = useState('');
  return (
    <form
      class="inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim()) location.hash = `#/orders/${id.trim()}`;
      }}
    >
      <TextInput name="orderId" label={t('ops.order.find')} value={id} onValue={setId} hint={t('ops.order.findHint')} />
      <button type="submit">{t('ops.order.open')}</button>
    </form>
  );
}

export function OrderScreen({ orderId }: { orderId: string }) {
  const [order, setOrder] = useState<OrderView | undefined>();
  /** Unlocked here: the form stays, saying so. */
  const [unlocked, setUnlocked] = useState(false);
  const load = useAction();
  useEffect(() => void load.run(async () => setOrder(await api<OrderView>('GET', `/v1/orders/${orderId}`))), [orderId]);
  return (
    <>
      <h1>{t('ops.order.title', { id: orderId.slice(-6) })}</h1>
      <Notice shown={load.problem} />
      {order && (
        <Section title={t('ops.order.state')} id="order">
          <p>
            <a href={`#/stations/${order.stationId}`}>{t('ops.order.station')}</a> · {t(`status.${order.status}` as Parameters<typeof t>[0])} ·{' '}
            {when(order.placedAt)}
          </p>
          <Figures
            rows={[
              [t('ops.order.total'), order.totalFen],
              [t('ops.order.paid'), order.paidFen],
              [t('ops.order.tries.label'), order.wrongCodeAttempts, 'count'],
            ]}
          />
          {order.lastUnlock && <p class="hint">{t('ops.order.lastUnlock', { when: when(order.lastUnlock.at), reason: order.lastUnlock.reason ?? '—' })}</p>}
          {order.lockedForOps || unlocked ? (
            <>
              {!unlocked && <Notice kind="info" shown={t('ops.order.locked')} />}
              <UnlockOrder
                orderId={orderId}
                onDone={(after) => {
                  setUnlocked(true);
                  setOrder(after);
                }}
              />
            </>
          ) : (
            <p>{t('ops.order.notLocked')}</p>
          )}
        </Section>
      )}
    </>
  );
}
