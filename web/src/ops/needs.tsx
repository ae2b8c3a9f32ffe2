import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from './texts.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { formatFen } from '../shared/money.ts';
import { mistake, say } from '../shared/mistakes.ts';
import { Figures, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type {
  BillPaymentView,
  ClaimView,
  FlaggedCountView,
  LockedOrderView,
  LotSummary,
  OrderView,
  Page,
  RemittanceView,
  StationCashView,
  UnreachedMessage,
} from '../shared/types.ts';
import { locale, readAll, type Whole } from './common.ts';

interface Needs {
  remittances: Page<RemittanceView>;
  bills: Page<BillPaymentView>;
  claims: Page<ClaimView>;
  /** A partner's RETURN or EXCHANGE, waiting for an operator to confirm the defect. */
  awaiting: Page<ClaimView>;
  lots: Page<LotSummary>;
  /** Messages that did not reach their villager, by station (the partner calls, or sends a notice again). */
  unreached: Page<UnreachedMessage>;
  flagged: Page<FlaggedCountView>;
  /** Every station's cash view (ops' list across the network); those over their limit are shown. */
  stationCash: Whole<StationCashView>;
  overLimit: StationCashView[];
  /** Every locked order (ops' list across the network, the latest lock first). */
  locked: Whole<LockedOrderView>;
  stations: Map<string, StationCashView['station']>;
}

/**
 * What needs an operator, each with a count and a link (docs/rules.md
 * "The operator console"): each kind of work is a loader in `read` and a
 * section below. Every list is one across the network: nothing is read station
 * by station.
 */
async function read(): Promise<Needs> {
  const [remittances, flagged, bills, claims, awaiting, lots, stationCash, locked, unreached] = await Promise.all([
    api<Page<RemittanceView>>('GET', '/v1/remittances?status=PENDING&limit=100'),
    api<Page<FlaggedCountView>>('GET', '/v1/cash-counts?flagged=true&limit=100'),
    api<Page<BillPaymentView>>('GET', '/v1/bill-payments?limit=100'),
    api<Page<ClaimView>>('GET', '/v1/claims?limit=100'),
    api<Page<ClaimView>>('GET', '/v1/claims?status=AWAITING_APPROVAL&limit=100'),
    api<Page<LotSummary>>('GET', '/v1/produce-lots?status=OPEN&limit=100'),
    readAll<StationCashView>('/v1/station-cash'),
    readAll<LockedOrderView>('/v1/locked-orders'),
    api<Page<UnreachedMessage>>('GET', '/v1/messages/unreached?limit=100'),
  ]);
  return {
    remittances,
    bills,
    claims,
    awaiting,
    lots,
    unreached,
    flagged,
    stationCash,
    overLimit: stationCash.items.filter((s) => s.overLimit),
    locked,
    stations: new Map(stationCash.items.map((s) => [s.station.stationId, s.station])),
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
  /** What the last confirmation or rejection did: said above the list, since the remittance (and its form) leaves it. */
  const [news, setNews] = useState<string | undefined>();
  const settled = (_r: RemittanceView, said: string) => {
    setNews(said);
    refresh();
  };
  const name = (stationId: string) => needs?.stations.get(stationId)?.name ?? stationId;
  /** A count read to the end, or what was read and a "+" when the list stopped early. */
  const atLeast = (items: unknown[] | undefined, complete: boolean | undefined) => (items === undefined ? '…' : `${items.length}${complete ? '' : '+'}`);
  const count = (page: Page<unknown> | unknown[] | undefined) => (page === undefined ? undefined : Array.isArray(page) ? page.length : page.items.length);
  return (
    <>
      <h1>{t('ops.needs.title')}</h1>
      <Notice shown={load.problem} />
      <nav aria-label={t('ops.needs.summary')} class="card">
        <ul class="needs">
          <li>
            <a href="#locked">{t('ops.needs.locked')}</a> <strong>{atLeast(needs?.locked.items, needs?.locked.complete)}</strong>
          </li>
          <li>
            <a href="#remittances">{t('ops.needs.remittances')}</a> <strong>{count(needs?.remittances) ?? '…'}</strong>
          </li>
          <li>
            <a href="#flagged">{t('ops.needs.flagged')}</a> <strong>{count(needs?.flagged) ?? '…'}</strong>
          </li>
          <li>
            <a href="#over-limit">{t('ops.needs.overLimit')}</a> <strong>{atLeast(needs?.overLimit, needs?.stationCash.complete)}</strong>
          </li>
          <li>
            <a href="#pending-bills">{t('ops.needs.bills')}</a> <strong>{count(needs?.bills) ?? '…'}</strong>
          </li>
          <li>
            <a href="#awaiting-claims">{t('ops.needs.awaiting')}</a> <strong>{count(needs?.awaiting) ?? '…'}</strong>
          </li>
          <li>
            <a href="#open-claims">{t('ops.needs.claims')}</a> <strong>{count(needs?.claims) ?? '…'}</strong>
          </li>
          <li>
            <a href="#open-lots">{t('ops.needs.lots')}</a> <strong>{count(needs?.lots) ?? '…'}</strong>
          </li>
          <li>
            <a href="#unreached">{t('ops.needs.unreached')}</a> <strong>{count(needs?.unreached) ?? '…'}</strong>
          </li>
        </ul>
      </nav>
      <Section title={t('ops.needs.locked')} id="locked">
        {needs && needs.locked.items.length === 0 && <p>{t('ops.none')}</p>}
        <ul class="rows">
          {needs?.locked.items.map((order) => (
            <li key={order.orderId}>
              <a href={`#/orders/${order.orderId}`}>{t('ops.order.link', { id: order.orderId.slice(-6), station: name(order.stationId) })}</a>{' '}
              <span class="hint">{t('ops.order.tries', { n: order.wrongCodeAttempts })}</span>
            </li>
          ))}
        </ul>
        {needs && !needs.locked.complete && <Notice kind="info" shown={t('ops.needs.stoppedEarly', { n: needs.locked.items.length })} />}
        <FindOrder />
      </Section>
      <Section title={t('ops.needs.remittances')} id="remittances">
        <Notice kind="ok" shown={news} />
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
                // Confirmed (at once, or when a confirmation made offline gets through): the counts are read again,
                // and what was done is said above the list it left.
                onDone={settled}
              />
              <RejectRemittance remittance={r} onDone={settled} />
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
          {needs?.overLimit.map(({ station, ...balances }) => (
            <li key={station.stationId}>
              <a href={`#/stations/${station.stationId}`}>{station.name}</a> ·{' '}
              {t('ops.cash.over', { held: formatFen(balances.drawerFen + balances.pendingRemittancesFen), limit: formatFen(balances.cashLimitFen) })}
            </li>
          ))}
        </ul>
        {needs && !needs.stationCash.complete && <Notice kind="info" shown={t('ops.needs.stationsStoppedEarly', { n: needs.stationCash.items.length })} />}
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
      <Section title={t('ops.needs.awaiting')} id="awaiting-claims">
        {needs && needs.awaiting.items.length === 0 && <p>{t('ops.none')}</p>}
        {needs?.awaiting.items.map((c) => (
          <div class="item" key={c.claimId}>
            <p>
              <a href={`#/stations/${c.stationId}`}>{name(c.stationId)}</a> ·{' '}
              {t('ops.claim.awaiting', {
                title: c.title,
                qty: c.qty,
                problem: c.source === 'DEAD_ON_ARRIVAL' ? t('ops.claim.deadOnArrival') : c.problem,
                remedy: c.requested ? say(`remedy.${c.requested.remedy}` as 'remedy.RETURN') : '',
                days: daysSince(c.openedAt),
              })}
              {c.requested?.note && <span class="hint"> · {c.requested.note}</span>}
            </p>
            <div class="actions">
              <ApproveClaim claim={c} />
              <RejectClaim claim={c} />
            </div>
          </div>
        ))}
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
              {t('ops.lot.open', { title: l.title, grade: l.grade, kg: kg(l.netGrams), amount: formatFen(l.amountFen), opened: day(l.openedAt) })}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('ops.needs.unreached')} id="unreached">
        {needs && needs.unreached.items.length === 0 && <p>{t('ops.none')}</p>}
        <ul class="rows">
          {needs?.unreached.items.map((m) => (
            <li key={m.messageId}>
              <a href={`#/stations/${m.stationId}`}>{name(m.stationId)}</a> ·{' '}
              {t('ops.message.unreached', { phone: m.phoneMasked, what: t(`ops.message.${m.template}` as Parameters<typeof t>[0]), when: when(m.createdAt) })}
              {m.reason && <span class="hint"> · {m.reason}</span>}
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

function RejectRemittance({ remittance, onDone }: { remittance: RemittanceView; onDone: (r: RemittanceView, said: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <CommandForm<RemittanceView>
      formId={`ops:reject:${remittance.remittanceId}`}
      submitLabel={t('ops.remittance.reject')}
      build={() => ({
        command: { method: 'POST', path: `/v1/remittances/${remittance.remittanceId}/reject`, body: { reason }, label: t('ops.remittance.reject') },
      })}
      outcome={() => t('ops.remittance.rejected')}
      onDone={onDone}
    >
      {(intent) => (
        <TextInput name="reason" label={t('ops.remittance.reason')} value={reason} onValue={setReason} error={intent.fieldError('reason')} required />
      )}
    </CommandForm>
  );
}

/** Confirming the defect applies the partner's RETURN (a refund from the station's drawer) or EXCHANGE (a replacement order). */
function ApproveClaim({ claim }: { claim: ClaimView }) {
  const [reason, setReason] = useState('');
  return (
    <CommandForm<ClaimView>
      formId={`ops:approve:${claim.claimId}`}
      submitLabel={t('ops.claim.approve')}
      build={() => ({
        command: {
          method: 'POST',
          path: `/v1/claims/${claim.claimId}/approve`,
          body: reason.trim() ? { reason: reason.trim() } : {},
          label: t('ops.claim.approve'),
        },
        draft: { reason },
      })}
      outcome={(done) => t(done.status === 'RETURNED' ? 'ops.claim.approvedReturn' : 'ops.claim.approvedExchange', { amount: formatFen(done.refundFen ?? 0) })}
    >
      {(intent) => (
        <TextInput name="reason" label={t('ops.claim.approveReason')} value={reason} onValue={setReason} error={intent.fieldError('reason')} maxLength={200} />
      )}
    </CommandForm>
  );
}

/** Not confirmed, with the reason: the claim is open again without that remedy. */
function RejectClaim({ claim }: { claim: ClaimView }) {
  const [reason, setReason] = useState('');
  return (
    <CommandForm<ClaimView>
      formId={`ops:reject-claim:${claim.claimId}`}
      submitLabel={t('ops.claim.reject')}
      build={() => {
        if (!reason.trim()) throw mistake('reason', 'field.empty');
        return {
          command: { method: 'POST', path: `/v1/claims/${claim.claimId}/reject`, body: { reason: reason.trim() }, label: t('ops.claim.reject') },
          draft: { reason },
        };
      }}
      outcome={() => t('ops.claim.rejected')}
    >
      {(intent) => (
        <TextInput
          name="reason"
          label={t('ops.claim.rejectReason')}
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
