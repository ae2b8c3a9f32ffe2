import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from '../shared/i18n.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { bpFromPercent, gramsFromKg, kg } from '../shared/weights.ts';
import { WeighFields, type WeighTyped } from '../shared/weigh-fields.tsx';
import { formatFen } from '../shared/money.ts';
import { Choice, Figures, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { DispatchView, LotSummary, Page, PayoutView, ProduceQuote, ProduceView, TabView, TicketView, VillagerWithCredit } from '../shared/types.ts';
import { readTab } from './tab.tsx';
import { usePartner, villageName } from './context.ts';
import { VillagerSearch } from './villagers.tsx';

type Payout = 'CASH_NOW' | 'CREDIT' | 'TAB';

/** The number printed on a ticket: short enough to read out, unique enough to find. */
export const ticketNo = (ticketId: string) => ticketId.slice(-8);

/** 卖农产品: weigh, show the quote, pay now or on credit, print the ticket; the villager's credit; lots and dispatch. */
export function ProduceScreen({ taskId }: { taskId?: string | undefined } = {}) {
  const { station } = usePartner();
  const base = `/v1/stations/${station.stationId}`;
  const [villager, setVillager] = useState<VillagerWithCredit | undefined>();
  const [items, setItems] = useState<ProduceView[]>([]);
  const [typed, setTyped] = useState<WeighTyped>({ code: '', grade: '', gross: '', tare: '', deduction: '' });
  const { code, grade, gross, tare, deduction } = typed;
  const [payout, setPayout] = useState<Payout>('CASH_NOW');
  /** The villager's tab: 还赊账 is offered only while they owe on it. */
  const [tab, setTab] = useState<TabView | undefined>();
  /** What the last ticket repaid of the tab (what it came to, at most what was owed). */
  const [tabRepaid, setTabRepaid] = useState(0);
  /** What was owed on the tab when the ticket was sent: what it repays is said from it, not from the tab read afterwards. */
  const [owedWhenSent, setOwedWhenSent] = useState<number | undefined>();
  const [quote, setQuote] = useState<ProduceQuote | undefined>();
  /** Each 算一算 is a new weighing: its accept form a new intent, never the last ticket's outcome. */
  const [weighing, setWeighing] = useState(0);
  const [ticket, setTicket] = useState<TicketView | undefined>();
  const [payoutAmount, setPayoutAmount] = useState('');
  const [lots, setLots] = useState<LotSummary[]>([]);
  /** What the last dispatch did: said above the list, since the lot (and its form) leaves the list. */
  const [lotNews, setLotNews] = useState<string | undefined>();
  const load = useAction();
  const quoting = useAction();

  const refreshLots = () => void load.run(async () => setLots((await api<Page<LotSummary>>('GET', `${base}/produce-lots?status=OPEN&limit=50`)).items));
  const pick = (villagerId: string) =>
    void load.run(async () => {
      setTab(undefined);
      const [v, tb] = await Promise.all([api<VillagerWithCredit>('GET', `${base}/villagers/${villagerId}`), readTab(station.stationId, villagerId)]);
      setVillager(v);
      setTab(tb);
    });
  const owes = (tab?.owedFen ?? 0) > 0;
  useEffect(() => {
    void load.run(async () => {
      const list = (await api<{ items: ProduceView[] }>('GET', '/v1/produce')).items;
      setItems(list);
      if (list[0]) {
        setTyped((old) => ({ ...old, code: list[0]!.code, grade: list[0]!.grades[0]?.grade ?? '' }));
      }
    });
    refreshLots();
  }, []);
  // A changed field makes the quote shown stale: it goes, and must be asked again.
  useEffect(() => setQuote(undefined), [code, grade, gross, tare, deduction, villager?.villagerId]);

  const body = () => {
    if (!villager) throw mistake('villagerId', 'field.chooseVillager');
    return {
      villagerId: villager.villagerId,
      code,
      grade,
      grossGrams: gramsFromKg(gross, 'grossGrams', true),
      tareGrams: gramsFromKg(tare, 'tareGrams', false),
      deductionBp: bpFromPercent(deduction),
      payout,
      // Weighed at a stop of a run: the ticket names the PRODUCE pick-up (its weight is what the tricycle carries back).
      ...(taskId ? { taskId } : {}),
    };
  };

  return (
    <>
      <h1>{t('produce.title')}</h1>
      {taskId && <p class="notice info">{t('produce.atStop')}</p>}
      <Notice shown={load.problem} />
      <Section title={t('produce.villager')} id="produce-villager">
        {villager ? (
          <p class="chosen">
            <strong>{villager.name}</strong> · {villageName(station, villager.villageId)} ·{' '}
            <span class="credit">{t('produce.credit', { amount: formatFen(villager.creditFen) })}</span>{' '}
            {owes && (
              <>
                ·{' '}
                <a class="owes" href={`#/tab/${villager.villagerId}`}>
                  {t('produce.tabOwes', { amount: formatFen(tab!.owedFen) })}
                </a>{' '}
              </>
            )}
            <button class="link" onClick={() => setVillager(undefined)}>
              {t('produce.otherVillager')}
            </button>
          </p>
        ) : (
          <VillagerSearch pickLabel={t('produce.sellsFor')} onPick={(v) => pick(v.villagerId)} />
        )}
      </Section>

      <Section title={t('produce.weigh')} id="produce-weigh">
        <WeighFields items={items} typed={typed} onTyped={(n) => setTyped((old) => ({ ...old, ...n }))} />
        <Notice shown={quoting.problem} />
        <button
          type="button"
          onClick={() =>
            void quoting.run(async () => {
              setTicket(undefined);
              // Nothing owed any more (another villager, or the tab repaid): the next ticket cannot go to the tab.
              if (!owes && payout === 'TAB') setPayout('CASH_NOW');
              const next = await api<ProduceQuote>('POST', `${base}/weigh-tickets/quote`, { body: body() });
              setWeighing((n) => n + 1);
              setQuote(next);
            })
          }
        >
          {t('produce.quote')}
        </button>
        {quote && (
          <div class="quote" aria-live="polite">
            <Figures rows={[[t('produce.price'), quote.priceFenPerKg]]} />
            <p class="big-figure">
              {t('produce.net')} <strong data-testid="quote-net">{kg(quote.netGrams)}</strong>
            </p>
            <p class="big-figure">
              {t('produce.amount')} <strong data-testid="quote-amount">{formatFen(quote.amountFen)}</strong>
            </p>
            <p class="hint">
              {t('produce.quoteLine', {
                gross: kg(quote.grossGrams),
                tare: kg(quote.tareGrams),
                deduction: (quote.deductionBp / 100).toFixed(2),
                grade: quote.grade,
              })}
            </p>
            {/* The station's fee is the platform's to pay, on top: nothing of it comes off what the villager gets. */}
            {quote.feeFen > 0 && <p class="hint fee-apart">{t('produce.feeApart', { amount: formatFen(quote.feeFen) })}</p>}
          </div>
        )}
        {quote && villager && (
          <CommandForm<TicketView>
            key={weighing}
            formId={`weigh:${villager.villagerId}`}
            submitLabel={t('produce.accept')}
            again={t('produce.another')}
            build={() => {
              const b = body();
              setOwedWhenSent(tab?.owedFen);
              return {
                command: {
                  method: 'POST',
                  path: `${base}/weigh-tickets`,
                  body: b,
                  label: t('produce.ticketLabel', { name: villager.name, title: quote.title, amount: formatFen(quote.amountFen) }),
                },
                ...(payout === 'CASH_NOW' ? { confirm: t('produce.payConfirm', { amount: formatFen(quote.amountFen), name: villager.name }) } : {}),
              };
            }}
            outcome={(r) =>
              r.payout === 'TAB' && owedWhenSent !== undefined
                ? t('produce.acceptedTab', {
                    no: ticketNo(r.ticketId),
                    amount: formatFen(r.amountFen),
                    repaid: formatFen(Math.min(r.amountFen, owedWhenSent)),
                    credit: formatFen(r.amountFen - Math.min(r.amountFen, owedWhenSent)),
                  })
                : t('produce.accepted', { no: ticketNo(r.ticketId), amount: formatFen(r.amountFen) })
            }
            onDone={(r) => {
              setTicket(r);
              setTabRepaid(r.payout === 'TAB' ? Math.min(r.amountFen, owedWhenSent ?? 0) : 0);
              if (r.payout === 'TAB') void readTab(station.stationId, villager.villagerId).then(setTab, () => undefined);
              // The weights stay as weighed (the quote and the outcome with them) until the next change.
              setVillager({ ...villager, creditFen: r.villagerCreditFen });
              refreshLots();
            }}
          >
            {() => (
              <Choice
                legend={t('produce.payout')}
                name="payout"
                value={payout}
                onValue={(v) => setPayout(v as Payout)}
                options={[
                  ['CASH_NOW', t('produce.cashNow')],
                  ['CREDIT', t('produce.onCredit')],
                  ...(owes || payout === 'TAB'
                    ? [['TAB', t('produce.payTab', { owed: formatFen(owes ? tab!.owedFen : (owedWhenSent ?? 0)) })] as [string, string]]
                    : []),
                ]}
              />
            )}
          </CommandForm>
        )}
        {ticket && (
          <div class="ticket printable" aria-label={t('produce.ticket')}>
            <h3>
              {t('produce.ticket')} №{ticketNo(ticket.ticketId)}
            </h3>
            <p>
              {station.name} · {new Date(ticket.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
            </p>
            <p>
              {villager?.name} · {ticket.title} {ticket.grade}
            </p>
            <p>
              {t('produce.quoteLine', {
                gross: kg(ticket.grossGrams),
                tare: kg(ticket.tareGrams),
                deduction: (ticket.deductionBp / 100).toFixed(2),
                grade: ticket.grade,
              })}
            </p>
            <p>
              {t('produce.net')} {kg(ticket.netGrams)} × {formatFen(ticket.priceFenPerKg)}/{t('unit.kg')} = <strong>{formatFen(ticket.amountFen)}</strong>
            </p>
            <p>
              {ticket.payout === 'CASH_NOW'
                ? t('produce.paidCash')
                : ticket.payout === 'TAB'
                  ? t('produce.repaidTab', {
                      repaid: formatFen(tabRepaid),
                      credit: formatFen(ticket.amountFen - tabRepaid),
                      balance: formatFen(ticket.villagerCreditFen),
                    })
                  : t('produce.owedCredit', { amount: formatFen(ticket.villagerCreditFen) })}
            </p>
            <button type="button" onClick={() => print()}>
              {t('produce.print')}
            </button>
          </div>
        )}
      </Section>

      {villager && villager.creditFen > 0 && (
        <Section title={t('produce.payoutTitle')} id="produce-payout">
          <CommandForm<PayoutView>
            formId={`payout:${villager.villagerId}`}
            submitLabel={t('produce.payOut')}
            again={t('produce.payOutAgain')}
            build={() => {
              const fen = fenFromField(payoutAmount, 'amountFen', { required: true, positive: true });
              return {
                command: {
                  method: 'POST',
                  path: `${base}/villagers/${villager.villagerId}/payouts`,
                  body: { amountFen: fen },
                  label: t('produce.payoutLabel', { name: villager.name, amount: formatFen(fen) }),
                },
                confirm: t('produce.payConfirm', { amount: formatFen(fen), name: villager.name }),
              };
            }}
            outcome={(r) => t('produce.paidOut', { left: formatFen(r.creditFen) })}
            onDone={(r) => {
              setVillager({ ...villager, creditFen: r.creditFen });
              setPayoutAmount('');
            }}
          >
            {(intent) => (
              <TextInput
                name="amountFen"
                inputMode="decimal"
                autocomplete="off"
                label={t('cash.amount')}
                hint={t('produce.credit', { amount: formatFen(villager.creditFen) })}
                value={payoutAmount}
                onValue={setPayoutAmount}
                error={intent.fieldError('amountFen')}
                required
              />
            )}
          </CommandForm>
        </Section>
      )}

      <Section title={t('produce.lots')} id="produce-lots">
        <Notice kind="ok" shown={lotNews} />
        {lots.length === 0 && <p class="empty">{t('produce.noLots')}</p>}
        <ul class="rows">
          {lots.map((lot) => (
            <li key={lot.lotId}>
              <span>
                <strong>
                  {lot.title} {lot.grade}
                </strong>{' '}
                · {kg(lot.netGrams)} · {t('produce.lotTickets', { n: lot.tickets })} · {formatFen(lot.amountFen)}
              </span>
              <CommandForm<DispatchView>
                formId={`dispatch:${lot.lotId}`}
                submitLabel={t('produce.dispatch')}
                build={() => ({
                  command: {
                    method: 'POST',
                    path: `/v1/produce-lots/${lot.lotId}/dispatch`,
                    body: {},
                    label: t('produce.dispatchLabel', { title: lot.title, grade: lot.grade }),
                  },
                })}
                outcome={(r) => t('produce.dispatched', { fee: formatFen(r.feeEarnedFen) })}
                onDone={(_r, said) => {
                  setLotNews(said);
                  refreshLots();
                }}
              />
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
