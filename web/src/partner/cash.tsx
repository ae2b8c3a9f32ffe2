import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from '../shared/i18n.ts';
import { formatFen } from '../shared/money.ts';
import { fenFromField } from '../shared/problems.ts';
import { submit } from '../shared/queue.ts';
import { Figures, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { Balances, CashCountView, Statement } from '../shared/types.ts';
import { billStatementRows, PendingBills } from './bills.tsx';
import { thisMonth, usePartner } from './context.ts';

export function CashScreen() {
  const { station } = usePartner();
  const [balances, setBalances] = useState<Balances | undefined>();
  const [month, setMonth] = useState(thisMonth());
  const [statement, setStatement] = useState<Statement | undefined>();
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [counted, setCounted] = useState('');
  const [reason, setReason] = useState('');
  const [countResult, setCountResult] = useState<string | undefined>();
  const load = useAction();
  const remit = useAction();
  const count = useAction();
  const base = `/v1/stations/${station.stationId}`;
  const refresh = () => void load.run(async () => setBalances(await api<Balances>('GET', `${base}/cash`)));
  useEffect(refresh, []);
  useEffect(() => void load.run(async () => setStatement(await api<Statement>('GET', `${base}/statements/${month}`))), [month, balances?.drawerFen]);

  return (
    <>
      <h1>{t('nav.cash')}</h1>
      <Notice shown={load.problem} />
      {balances && (
        <Section title={t('cash.balances')} id="balances">
          {balances.overLimit && <Notice shown={t('problem.cashLimit')} />}
          <Figures
            big
            rows={[
              [t('cash.drawer'), balances.drawerFen],
              [t('cash.due'), balances.dueToPlatformFen],
              [t('cash.commission'), balances.commissionEarnedFen],
              [t('cash.variance'), balances.varianceFen],
            ]}
          />
          <p class="hint">{t('cash.limit', { amount: formatFen(balances.cashLimitFen) })}</p>
        </Section>
      )}
      <PendingBills />
      <Section title={t('cash.remit')} id="remit">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void remit.run(async () => {
              const fen = fenFromField(amount, 'amountFen');
              const outcome = await submit<Balances>({
                method: 'POST',
                path: `${base}/remittances`,
                body: { amountFen: fen, reference: reference.trim() },
                label: t('cash.remitLabel', { amount: formatFen(fen) }),
              });
              if (outcome.sent) {
                setBalances(outcome.result);
                setAmount('');
                setReference('');
              }
            });
          }}
        >
          <Notice shown={remit.problem} />
          <TextInput
            name="amountFen"
            inputMode="decimal"
            label={t('cash.amount')}
            value={amount}
            onValue={setAmount}
            error={remit.fieldError('amountFen')}
            required
          />
          <TextInput
            name="reference"
            label={t('cash.reference')}
            hint={t('cash.referenceHint')}
            value={reference}
            onValue={setReference}
            error={remit.fieldError('reference')}
            required
          />
          <button class="primary" type="submit" disabled={remit.busy}>
            {t('cash.remit')}
          </button>
        </form>
      </Section>
      <Section title={t('cash.count')} id="count">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setCountResult(undefined);
            void count.run(async () => {
              const fen = fenFromField(counted, 'countedFen');
              const outcome = await submit<CashCountView>({
                method: 'POST',
                path: `${base}/cash-counts`,
                body: { countedFen: fen, ...(reason.trim() ? { reason: reason.trim() } : {}) },
                label: t('cash.countLabel', { amount: formatFen(fen) }),
              });
              if (outcome.sent) {
                setBalances(outcome.result.balances);
                setCountResult(t('cash.counted', { expected: formatFen(outcome.result.expectedFen), variance: formatFen(outcome.result.varianceFen) }));
                setCounted('');
                setReason('');
              }
            });
          }}
        >
          <Notice shown={count.problem} />
          <Notice shown={countResult} kind="ok" />
          <TextInput
            name="countedFen"
            inputMode="decimal"
            label={t('cash.countedAmount')}
            value={counted}
            onValue={setCounted}
            error={count.fieldError('countedFen')}
            required
          />
          <TextInput name="reason" label={t('cash.reason')} hint={t('cash.reasonHint')} value={reason} onValue={setReason} error={count.fieldError('reason')} />
          <button class="primary" type="submit" disabled={count.busy}>
            {t('cash.count')}
          </button>
        </form>
      </Section>
      <Section title={t('cash.statement')} id="statement">
        <TextInput name="month" type="month" label={t('cash.month')} value={month} onValue={setMonth} />
        {statement && (
          <Figures
            rows={[
              [t('statement.sales'), statement.salesFen],
              [t('statement.orders'), statement.ordersHandedOver, 'count'],
              [t('statement.villagers'), statement.villagersServed, 'count'],
              [t('statement.savings'), statement.savingsFen],
              [t('statement.commission'), statement.commissionFen],
              [t('statement.cash'), statement.cashCollectedFen],
              [t('statement.refunds'), statement.refundsFen],
              [t('statement.remitted'), statement.remittedFen],
              ...billStatementRows(statement),
            ]}
          />
        )}
      </Section>
    </>
  );
}
