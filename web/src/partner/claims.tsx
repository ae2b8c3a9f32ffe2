import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { lang, t } from '../shared/i18n.ts';
import { canSpeak, speak } from '../shared/speech.ts';
import { formatFen } from '../shared/money.ts';
import { creditLeftToRefund } from '#domain/money.ts';
import { mistake, say } from '../shared/mistakes.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { Choice, Select, TextInput } from '../shared/ui.tsx';
import type { ClaimView, OrderView, Page, ResolutionView } from '../shared/types.ts';

const handedOver = (s: string) => s === 'PICKED_UP' || s === 'DELIVERED';

/** Lines that can be claimed: under warranty, and not all returned, exchanged or already claimed. */
export const claimable = (order: OrderView) =>
  handedOver(order.status)
    ? order.lines
        .map((l) => ({ line: l, left: l.qty - l.returnedQty - (l.exchangedQty ?? 0) - (l.claimedQty ?? 0) }))
        .filter((x) => (x.line.warrantyDays ?? 0) > 0 && x.left > 0)
    : [];

/** What the three guarantees give, in words, and read aloud to the villager on request. */
export function Says({ claim }: { claim: ClaimView }) {
  return (
    <>
      <ul class="says" aria-label={t('claims.title')}>
        {claim.says.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      {canSpeak() && (
        <button type="button" onClick={() => speak(claim.says.join(' '), lang() === 'zh' ? 'zh-CN' : 'en')}>
          {t('claims.readAloud')}
        </button>
      )}
    </>
  );
}

/** A claim from the order page: which line, how many, what is wrong; the answer says the remedies in words. */
export function NewClaim({ order, onDone }: { order: OrderView; onDone: (claim: ClaimView, said: string) => void }) {
  const lines = claimable(order);
  const [sku, setSku] = useState(lines[0]?.line.sku ?? '');
  const [qty, setQty] = useState('1');
  const [problem, setProblem] = useState('');
  if (!handedOver(order.status)) return null;
  if (lines.length === 0) {
    // Under warranty but every one already claimed (or returned, or exchanged) is not "nothing under warranty".
    const covered = order.lines.some((l) => (l.warrantyDays ?? 0) > 0);
    return <p class="hint">{t(covered ? 'claims.allClaimed' : 'claims.noneEligible')}</p>;
  }
  const chosen = lines.find((x) => x.line.sku === sku) ?? lines[0]!;
  return (
    <CommandForm<ClaimView>
      formId={`claim:${order.orderId}`}
      title={t('claims.new')}
      submitLabel={t('claims.new')}
      onDone={onDone}
      build={() => {
        const n = Number(qty.trim());
        if (!/^\d{1,2}$/.test(qty.trim()) || n < 1 || n > chosen.left) throw mistake('qty', 'field.count', { min: 1, max: chosen.left });
        if (!problem.trim()) throw mistake('problem', 'field.empty');
        return {
          command: {
            method: 'POST',
            path: `/v1/orders/${order.orderId}/claims`,
            body: { sku: chosen.line.sku, qty: n, problem: problem.trim() },
            label: t('claims.newLabel', { title: chosen.line.title }),
          },
        };
      }}
      outcome={(c) => `${t('claims.opened')} ${c.says.join(' ')}`}
    >
      {(intent) => (
        <>
          <Select
            name="sku"
            label={t('claims.line')}
            value={chosen.line.sku}
            onValue={setSku}
            options={lines.map((x) => [x.line.sku, `${x.line.title} (≤${x.left})`])}
            error={intent.fieldError('sku')}
          />
          <TextInput
            name="qty"
            inputMode="numeric"
            autocomplete="off"
            label={t('claims.qty')}
            value={qty}
            onValue={setQty}
            error={intent.fieldError('qty')}
            required
          />
          <TextInput name="problem" label={t('claims.problem')} value={problem} onValue={setProblem} error={intent.fieldError('problem')} required />
        </>
      )}
    </CommandForm>
  );
}

const remedyWord = (r: string) => say(`remedy.${r}` as 'remedy.RETURN');

/** What resolving a claim by RETURN gives back, as the returns rules split it: to the villager's credit first, the rest from the drawer. */
function returnConfirm(claim: ClaimView, order: OrderView | undefined): string {
  const line = order?.lines.find((l) => l.sku === claim.sku);
  if (!order || !line) return t('claims.returnConfirm');
  const refundFen = Math.min(line.onlinePriceFen * claim.qty, order.paidFen - order.refundedFen);
  const credit = Math.min(refundFen, creditLeftToRefund(order));
  return credit > 0
    ? t('claims.returnConfirmCredit', { credit: formatFen(credit), cash: formatFen(refundFen - credit) })
    : t('claims.returnConfirmAmount', { amount: formatFen(refundFen) });
}

/** One open claim: its words, then a remedy it allows (and no other), or a repair's result. */
export function ClaimCard({ claim, onDone, order: given }: { claim: ClaimView; onDone: (said: string) => void; order?: OrderView }) {
  const [remedy, setRemedy] = useState(claim.allowedRemedies[0] ?? '');
  const [note, setNote] = useState('');
  const [fixed, setFixed] = useState('yes');
  /** The order, to say how much a RETURN takes from the drawer before it is done. */
  const [order, setOrder] = useState<OrderView | undefined>(given);
  useEffect(() => {
    if (given) setOrder(given);
    else if (claim.allowedRemedies.includes('RETURN'))
      void api<OrderView>('GET', `/v1/orders/${claim.orderId}`)
        .then(setOrder)
        .catch(() => undefined); // offline: the confirmation says what a return does, without the amount
  }, [claim.orderId, given?.version]);
  return (
    <li class="claim">
      <strong>
        {t('claims.item', { title: claim.title, qty: claim.qty, problem: claim.problem === 'DEAD_ON_ARRIVAL' ? t('cancel.DEAD_ON_ARRIVAL') : claim.problem })}
      </strong>
      <p>{t('claims.status', { status: t(`claimStatus.${claim.status}` as 'claimStatus.OPEN') })}</p>
      <Says claim={claim} />
      {claim.status === 'OPEN' && claim.allowedRemedies.length > 0 && (
        <CommandForm<ResolutionView>
          formId={`resolve:${claim.claimId}:${claim.version}`}
          title={t('claims.resolve')}
          submitLabel={t('claims.resolveSubmit')}
          onDone={(_r, said) => onDone(said)}
          build={() => ({
            command: {
              method: 'POST',
              path: `/v1/claims/${claim.claimId}/resolve`,
              body: { remedy, ...(note.trim() ? { note: note.trim() } : {}) },
              label: t('claims.resolveLabel', { title: claim.title }),
            },
            ...(remedy === 'RETURN' ? { confirm: returnConfirm(claim, order) } : {}),
          })}
          outcome={(r) =>
            r.status === 'AWAITING_APPROVAL'
              ? t('claims.awaiting', { remedy: remedyWord(r.requested?.remedy ?? remedy) })
              : r.status === 'RETURNED'
                ? (r.refundedToCreditFen ?? 0) > 0
                  ? t('claims.returnedCredit', {
                      credit: formatFen(r.refundedToCreditFen ?? 0),
                      cash: formatFen((r.refundFen ?? 0) - (r.refundedToCreditFen ?? 0)),
                    })
                  : t('claims.returned', { amount: formatFen(r.refundFen ?? 0) })
                : r.status === 'EXCHANGED'
                  ? t('claims.exchanged', { code: r.replacementDeliveryCode ?? '' })
                  : t('claims.repairing')
          }
        >
          {() => (
            <>
              <Choice
                legend={t('claims.resolve')}
                name={`remedy-${claim.claimId}`}
                value={remedy}
                onValue={setRemedy}
                options={claim.allowedRemedies.map((r) => [r, remedyWord(r)])}
              />
              <TextInput name="note" label={t('claims.note')} value={note} onValue={setNote} />
            </>
          )}
        </CommandForm>
      )}
      {claim.status === 'REPAIRING' && (
        <CommandForm<ClaimView>
          formId={`repair:${claim.claimId}:${claim.version}`}
          title={t('claims.repairResult')}
          submitLabel={t('claims.repairResult')}
          onDone={(_r, said) => onDone(said)}
          build={() => ({
            command: {
              method: 'POST',
              path: `/v1/claims/${claim.claimId}/repair-result`,
              body: { fixed: fixed === 'yes', ...(note.trim() ? { note: note.trim() } : {}) },
              label: t('claims.repairLabel', { title: claim.title }),
            },
          })}
          outcome={(c) => (c.status === 'OPEN' ? t('claims.repairFailed', { n: c.failedRepairs }) : t('claims.repairFixed'))}
        >
          {() => (
            <>
              <Choice
                legend={t('claims.repairResult')}
                name={`fixed-${claim.claimId}`}
                value={fixed}
                onValue={setFixed}
                options={[
                  ['yes', t('claims.fixed')],
                  ['no', t('claims.notFixed')],
                ]}
              />
              <TextInput name="note" label={t('claims.note')} value={note} onValue={setNote} />
            </>
          )}
        </CommandForm>
      )}
    </li>
  );
}

/** The order's open claims, to resolve them from the order page too. */
export function OrderClaims({ order, refreshed, onDone }: { order: OrderView; refreshed: string; onDone: (said: string) => void }) {
  const [claims, setClaims] = useState<ClaimView[]>([]);
  useEffect(() => {
    const base = `/v1/stations/${order.stationId}/claims?limit=100&status=`;
    void Promise.all(['OPEN', 'AWAITING_APPROVAL', 'REPAIRING'].map((status) => api<Page<ClaimView>>('GET', `${base}${status}`)))
      .then((pages) => setClaims(pages.flatMap((p) => p.items).filter((c) => c.orderId === order.orderId)))
      .catch(() => undefined); // offline: the after-sales screen lists them when the network is back
  }, [order.orderId, refreshed]);
  if (claims.length === 0) return null;
  return (
    <ul class="claims" aria-label={t('claims.open')}>
      {claims.map((c) => (
        <ClaimCard key={`${c.claimId}:${c.version}`} claim={c} onDone={onDone} order={order} />
      ))}
    </ul>
  );
}
