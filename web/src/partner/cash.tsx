import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from '../shared/i18n.ts';
import { formatFen } from '../shared/money.ts';
import { fenFromField } from '../shared/mistakes.ts';
import { CommandForm, type FormIntent } from '../shared/intent-ui.tsx';
import { Figures, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { Balances, CashCountView, Page, RemittanceView, Statement } from '../shared/types.ts';
import { lang } from '../shared/i18n.ts';
import { billStatementRows, PendingBills } from './bills.tsx';
import { thisMonth, usePartner } from './context.ts';

/** A field as it was sent, while its form waits for the network (after a reload too). */
function waiting<T>(intent: FormIntent<T>, field: string): string | undefined {
  return intent.pending ? (intent.intent?.draft as Record<string, string> | undefined)?.[field] : undefined;
}

/** A remittance answers with the balances (or with them inside it). */
const drawerAfter = (r: Partial<Balances> & { balances?: Balances }) => r.balances?.drawerFen ?? r.drawerFen;

export function CashScreen() {
  const { station } = usePartner();
  const [balances, setBalances] = useState<Balances | undefined>();
  const [month, setMonth] = useState(thisMonth());
  const [statement, setStatement] = useState<Statement | undefined>();
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [counted, setCounted] = useState('');
  const [reason, setReason] = useState('');
  const [remittances, setRemittances] = useState<RemittanceView[] | undefined>();
  const load = useAction();
  const base = `/v1/stations/${station.stationId}`;
  const refresh = () =>
    void load.run(async () => {
      const [b, r] = await Promise.all([api<Balances>('GET', `${base}/cash`), api<Page<RemittanceView>>('GET', `${base}/remittances?limit=10`)]);
      setBalances(b);
      setRemittances(r.items);
    });
  useEffect(refresh, []);
  useEffect(() => void load.run(async () => setStatement(await api<Statement>('GET', `${base}/statements/${month}`))), [month, balances?.drawerFen]);

  return (
    <>
      <h1>{t('nav.cash')}</h1>
      <Notice shown={load.problem} />
      <Section title={t('cash.balances')} id="balances">
        {balances?.overLimit && <Notice shown={t('problem.cashLimit')} />}
        <Figures
          big
          rows={[
            [t('cash.drawer'), balances?.drawerFen],
            [t('cash.pending'), balances?.pendingRemittancesFen],
            [t('cash.due'), balances?.dueToPlatformFen],
            [t('cash.commission'), balances?.commissionEarnedFen],
            [t('cash.variance'), balances?.varianceFen],
            [t('cash.villagerCredit'), balances?.villagerCreditFen],
          ]}
        />
        <p class="hint">{balances ? t('cash.limit', { amount: formatFen(balances.cashLimitFen) }) : '\u00a0'}</p>
      </Section>
      <PendingBills />
      <Section title={t('cash.remit')} id="remit">
        <CommandForm<Partial<Balances> & { balances?: Balances; amountFen?: number }>
          formId="remit"
          submitLabel={t('cash.remit')}
          again={t('cash.remitAgain')}
          build={() => {
            const fen = fenFromField(amount, 'amountFen', { required: true, positive: true });
            return {
              command: {
                method: 'POST',
                path: `${base}/remittances`,
                body: { amountFen: fen, reference: reference.trim() },
                label: t('cash.remitLabel', { amount: formatFen(fen) }),
              },
              draft: { amount, reference },
              confirm: t('cash.remitConfirm', { amount: formatFen(fen), reference: reference.trim() }),
            };
          }}
          outcome={(r) => {
            const drawer = drawerAfter(r);
            return t('cash.remitted', { drawer: drawer === undefined ? '—' : formatFen(drawer) });
          }}
          onDone={() => {
            setAmount('');
            setReference('');
            refresh();
          }}
        >
          {(intent) => (
            <>
              <TextInput
                name="amountFen"
                inputMode="decimal"
                autocomplete="off"
                label={t('cash.amount')}
                hint={balances ? t('cash.inDrawer', { amount: formatFen(balances.drawerFen) }) : undefined}
                value={waiting(intent, 'amount') ?? amount}
                onValue={setAmount}
                error={intent.fieldError('amountFen')}
                required
              />
              <TextInput
                name="reference"
                label={t('cash.reference')}
                hint={t('cash.referenceHint')}
                value={waiting(intent, 'reference') ?? reference}
                onValue={setReference}
                error={intent.fieldError('reference')}
                required
              />
            </>
          )}
        </CommandForm>
      </Section>
      <Remittances items={remittances} />
      <Section title={t('cash.count')} id="count">
        <CommandForm<CashCountView>
          formId="count"
          submitLabel={t('cash.count')}
          again={t('cash.countAgain')}
          build={() => {
            const fen = fenFromField(counted, 'countedFen', { required: true });
            return {
              command: {
                method: 'POST',
                path: `${base}/cash-counts`,
                body: { countedFen: fen, ...(reason.trim() ? { reason: reason.trim() } : {}) },
                label: t('cash.countLabel', { amount: formatFen(fen) }),
              },
              draft: { counted, reason },
            };
          }}
          outcome={(r) => {
            const message = t('cash.counted', { expected: formatFen(r.expectedFen), variance: formatFen(r.varianceFen) });
            // Short is bad news, over is worth a look, exact is good.
            return { message, kind: r.varianceFen < 0 ? 'error' : r.varianceFen > 0 ? 'info' : 'ok' };
          }}
          onDone={(r) => {
            setBalances(r.balances);
            setCounted('');
            setReason('');
          }}
        >
          {(intent) => (
            <>
              <TextInput
                name="countedFen"
                inputMode="decimal"
                autocomplete="off"
                label={t('cash.countedAmount')}
                value={waiting(intent, 'counted') ?? counted}
                onValue={setCounted}
                error={intent.fieldError('countedFen')}
                required
              />
              <TextInput
                name="reason"
                label={t('cash.reason')}
                hint={t('cash.reasonHint')}
                value={waiting(intent, 'reason') ?? reason}
                onValue={setReason}
                error={intent.fieldError('reason')}
              />
            </>
          )}
        </CommandForm>
      </Section>
      <Section title={t('cash.statement')} id="statement">
        <TextInput name="month" type="month" label={t('cash.month')} value={month} onValue={setMonth} />
        <Figures
          rows={[
            [t('statement.sales'), statement?.salesFen],
            [t('statement.orders'), statement?.ordersHandedOver, 'count'],
            [t('statement.villagers'), statement?.villagersServed, 'count'],
            [t('statement.savings'), statement?.savingsFen],
            [t('statement.commission'), statement?.commissionFen],
            [t('statement.cash'), statement?.cashCollectedFen],
            [t('statement.refunds'), statement?.refundsFen],
            [t('statement.refundsToCredit'), statement?.refundsToCreditFen],
            [t('statement.remitted'), statement?.remittedFen],
            ...billStatementRows(statement),
            [t('statement.produceNet'), statement?.produceNetGrams, 'grams'],
            [t('statement.producePaid'), statement?.producePaidFen],
            [t('statement.produceFee'), statement?.produceFeeFen],
            [t('statement.creditPaidOut'), statement?.creditPaidOutFen],
            [t('statement.tabSales'), statement?.tabSalesFen],
            [t('statement.tabRepaid'), statement?.tabRepaidFen],
            [t('statement.tabOverdue'), statement?.tabOverdueFen],
            [t('statement.commissionHeld'), statement?.commissionHeldFen],
            [t('statement.claimsOpened'), statement?.claimsOpened, 'count'],
            [t('statement.installationsDone'), statement?.installationsDone, 'count'],
          ]}
        />
      </Section>
    </>
  );
}

/** What left the drawer for the platform, newest first: those still waiting for the platform said first and in sum. */
function Remittances({ items }: { items: RemittanceView[] | undefined }) {
  const waiting = (items ?? []).filter((r) => r.status === 'PENDING');
  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: 'Asia/Shanghai',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  return (
    <Section title={t('cash.remittances')} id="remittances">
      {waiting.length > 0 && (
        <p class="notice info" role="status">
          {t('cash.remittancesPending', { n: waiting.length, amount: formatFen(waiting.reduce((n, r) => n + r.amountFen, 0)) })}
        </p>
      )}
      {items?.length === 0 && <p class="empty">{t('cash.remittancesNone')}</p>}
      <ul class="rows remittances">
        {(items ?? []).map((r) => (
          <li key={r.remittanceId}>
            <span>{t('cash.remittance', { amount: formatFen(r.amountFen), reference: r.reference, time: when(r.remittedAt) })}</span>
            <span class={`remittance-status is-${r.status.toLowerCase()}`}>
              {t(`remittance.${r.status}`)}
              {r.rejectionReason ? `（${r.rejectionReason}）` : ''}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
