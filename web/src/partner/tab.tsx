import { useEffect, useRef, useState } from 'preact/hooks';
import { consentText, maxTermDays } from '#domain/tab.ts';
import { api, ApiError } from '../shared/api.ts';
import { lang, t } from '../shared/i18n.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { loadIntent, newKey, onIntentsChange } from '../shared/intent.ts';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { fenToYuanInput, formatFen } from '../shared/money.ts';
import { Figures, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { ConfirmationView, OrderView, PaymentView, TabRepaymentView, TabRequestView, TabView, VillagerView } from '../shared/types.ts';
import { receiptNo, today, usePartner } from './context.ts';

/**
 * 赊账 (docs/rules.md "The tab"): what a villager owes on their tab, its limit
 * and due dates; asking ops to open it or raise it (with the villager's consent
 * by a code to their phone); repaying it in cash; a sale on it from an order.
 */

export const tabPath = (stationId: string, villagerId: string) => `/v1/stations/${stationId}/villagers/${villagerId}/tab`;

/** The villager's tab, or undefined when they have none (404). */
export async function readTab(stationId: string, villagerId: string): Promise<TabView | undefined> {
  try {
    return await api<TabView>('GET', tabPath(stationId, villagerId));
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return undefined;
    throw error;
  }
}

/** The villager's latest requests to ops, newest first: what waits, and what ops decided and why. */
const readRequests = async (stationId: string, villagerId: string) =>
  (await api<{ items: TabRequestView[] }>('GET', `${tabPath(stationId, villagerId)}/requests?limit=5`)).items;

const when = (at: string) => new Date(at).toLocaleString(lang(), { timeZone: 'Asia/Shanghai' });

/** The last Shanghai date a sale on the tab may fall due (the harvest: at most 180 days). */
export const latestDueDate = () => today(maxTermDays);

/**
 * Sends a code to the villager's phone for their consent (a limit, or one sale's amount and due date). The same
 * request tapped twice sends one code (one key per what is asked); 重新发码 sends a new one.
 */
function SendCode({
  villagerId,
  body,
  sent,
  onSent,
}: {
  villagerId: string;
  body: () => { purpose: 'TAB_CONSENT' | 'TAB_SALE'; amountFen: number; dueDate?: string };
  sent: ConfirmationView | undefined;
  onSent: (c: ConfirmationView) => void;
}) {
  const { station } = usePartner();
  const action = useAction();
  const keys = useRef(new Map<string, string>());
  const sending = useRef(false);
  // A code used or set aside (the form starts over): asking again, even for the same amount, is a new confirmation.
  useEffect(() => {
    if (!sent) keys.current.clear();
  }, [sent]);
  const send = (again: boolean) => {
    if (sending.current) return;
    sending.current = true;
    void action
      .run(async () => {
        const b = body();
        const what = JSON.stringify(b);
        if (again) keys.current.delete(what);
        const key = keys.current.get(what) ?? newKey();
        keys.current.set(what, key);
        onSent(await api<ConfirmationView>('POST', `/v1/stations/${station.stationId}/villagers/${villagerId}/confirmations`, { body: b, key }));
      })
      .finally(() => {
        sending.current = false;
      });
  };
  return (
    <div class="send-code">
      <Notice shown={action.problem} />
      {sent ? (
        <>
          <Notice kind="info" shown={t('tab.codeSent', { tail: sent.sentTo.replace(/\D/g, '') })} />
          <button type="button" class="link" disabled={action.busy} onClick={() => send(true)}>
            {t('tab.resend')}
          </button>
        </>
      ) : (
        <button type="button" class="primary" disabled={action.busy} onClick={() => send(false)}>
          {action.busy ? t('tab.sending') : t('tab.sendCode')}
        </button>
      )}
    </div>
  );
}

function CodeField({ value, onValue, error }: { value: string; onValue: (v: string) => void; error: string | undefined }) {
  return (
    <TextInput
      name="code"
      inputMode="numeric"
      autocomplete="one-time-code"
      maxLength={6}
      label={t('tab.code')}
      hint={t('tab.codeHint')}
      value={value}
      onValue={onValue}
      error={error}
      required
    />
  );
}

const typedCode = (code: string) => {
  const c = code.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
  if (!/^\d{6}$/.test(c)) throw mistake('code', 'field.tabCodeFormat');
  return c;
};

/** Where a tab stands, in words a shop owner reads out: what is owed, what is left, and what to do when it is frozen. */
export function TabStatus({ tab }: { tab: TabView }) {
  if (tab.status === 'FROZEN') return <Notice shown={t('tab.frozen', { amount: formatFen(tab.overdueFen) })} />;
  if (tab.status === 'CLOSED') return <Notice shown={t('tab.closed')} />;
  return <Notice kind="ok" shown={t('tab.active', { amount: formatFen(tab.availableFen) })} />;
}

export function TabScreen({ villagerId }: { villagerId: string }) {
  const { station } = usePartner();
  const [villager, setVillager] = useState<VillagerView | undefined>();
  const [tab, setTab] = useState<TabView | undefined>();
  const [read, setRead] = useState(false);
  const [requests, setRequests] = useState<TabRequestView[]>([]);
  const [repay, setRepay] = useState('');
  const load = useAction();

  const refresh = () =>
    void load.run(async () => {
      const [v, tb, rs] = await Promise.all([
        api<VillagerView>('GET', `/v1/stations/${station.stationId}/villagers/${villagerId}`),
        readTab(station.stationId, villagerId),
        readRequests(station.stationId, villagerId),
      ]);
      setVillager(v);
      setTab(tb);
      setRequests(rs);
      setRead(true);
    });
  useEffect(refresh, [villagerId]);

  const asked = (r: TabRequestView) => setRequests((rs) => (rs.some((x) => x.requestId === r.requestId) ? rs : [r, ...rs]));
  // A request sent from the queue while its form was not on screen (sent offline, then the page reloaded): shown all the same.
  useEffect(() => {
    const recall = () =>
      void loadIntent<TabRequestView>(`tab-request:${villagerId}`).then((i) => {
        if (i?.state === 'done' && i.result) asked(i.result);
      });
    recall();
    return onIntentsChange(recall);
  }, [villagerId]);

  if (!villager) return <Notice shown={load.problem} />;
  return (
    <>
      <h1>{t('tab.title', { name: villager.name })}</h1>
      <p class="hint">{t('tab.intro')}</p>
      <Notice shown={load.problem} />
      <Section title={t('tab.now')} id="tab-now">
        {!read ? (
          <p class="loading">{t('loading')}</p>
        ) : tab ? (
          <>
            <TabStatus tab={tab} />
            <Figures
              big
              rows={[
                [t('tab.owed'), tab.owedFen],
                [t('tab.limit'), tab.limitFen],
                [t('tab.available'), tab.availableFen],
                tab.overdueFen > 0 && [t('tab.overdue'), tab.overdueFen],
              ]}
            />
            {tab.items.length > 0 && (
              <>
                <h3>{t('tab.sales')}</h3>
                <ul class="rows tab-sales">
                  {tab.items.map((s) => (
                    <li key={s.orderId}>
                      <span>
                        <a href={`#/orders/${s.orderId}`}>
                          {t('receipt.number')} {receiptNo(s.orderId)}
                        </a>{' '}
                        · {formatFen(s.amountFen)}
                        {s.repaidFen > 0 ? ` · ${t('tab.repaidPart', { amount: formatFen(s.repaidFen) })}` : ''}
                        <br />
                        <small class={s.overdueDays > 0 ? 'overdue' : undefined}>
                          {s.overdueDays > 0 ? t('tab.dueOverdue', { date: s.dueDate, days: s.overdueDays }) : t('tab.due', { date: s.dueDate })}
                        </small>
                      </span>
                      <strong>{formatFen(s.amountFen - s.repaidFen)}</strong>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <p class="empty">{t('tab.none')}</p>
        )}
      </Section>

      {tab && tab.owedFen > 0 && (
        <Section title={t('tab.repayTitle')} id="tab-repay">
          <CommandForm<TabRepaymentView>
            formId={`tab-repay:${villagerId}`}
            submitLabel={t('tab.repay')}
            again={t('tab.repayAgain')}
            build={() => {
              const fen = fenFromField(repay, 'amountFen', { required: true, positive: true });
              if (fen > tab.owedFen) throw mistake('amountFen', 'field.atMost', { maxFen: tab.owedFen });
              return {
                command: {
                  method: 'POST',
                  path: `${tabPath(station.stationId, villagerId)}/repayments`,
                  body: { amountFen: fen },
                  label: t('tab.repayLabel', { name: villager.name, amount: formatFen(fen) }),
                },
                draft: { repay },
                confirm: t('tab.repayConfirm', { amount: formatFen(fen), name: villager.name }),
              };
            }}
            outcome={(r) => t('tab.repaid', { amount: formatFen(r.repaidFen), owed: formatFen(r.owedFen) })}
            onDone={(r) => {
              const { repaidFen: _r, commissionEarnedFen: _c, drawerFen: _d, ...view } = r;
              setTab(view);
              setRepay('');
            }}
          >
            {(intent) => (
              <TextInput
                name="amountFen"
                inputMode="decimal"
                autocomplete="off"
                label={t('tab.repayAmount')}
                hint={t('tab.repayHint', { amount: formatFen(tab.owedFen) })}
                placeholder={fenToYuanInput(tab.owedFen)}
                value={intent.pending ? ((intent.intent?.draft as { repay?: string })?.repay ?? repay) : repay}
                onValue={setRepay}
                error={intent.fieldError('amountFen')}
                required
              />
            )}
          </CommandForm>
        </Section>
      )}

      {tab?.status !== 'CLOSED' && (
        <Section title={tab ? t('tab.raiseTitle') : t('tab.openTitle')} id="tab-ask">
          <RequestList requests={requests} />
          {villager.phone ? <AskLimit villager={villager} tab={tab} onAsked={asked} /> : <Notice shown={t('tab.noPhone')} />}
        </Section>
      )}
    </>
  );
}

/** What was asked of ops lately: waiting, approved (with the limit given) or not (with why). */
function RequestList({ requests }: { requests: TabRequestView[] }) {
  if (requests.length === 0) return null;
  return (
    <>
      {requests
        .filter((r) => r.status === 'PENDING')
        .map((r) => (
          <p class="notice info" role="status" data-testid="tab-waiting" key={r.requestId}>
            {t('tab.waiting', { amount: formatFen(r.limitFen), when: when(r.requestedAt) })}
          </p>
        ))}
      <h3>{t('tab.requests')}</h3>
      <ul class="rows tab-requests">
        {requests.map((r) => (
          <li key={r.requestId} data-request={r.status}>
            <span>
              {t('tab.requestAsked', { amount: formatFen(r.limitFen), when: when(r.requestedAt) })}
              {r.reason && r.status !== 'PENDING' && (
                <>
                  <br />
                  <small>{t('tab.requestReason', { reason: r.reason })}</small>
                </>
              )}
            </span>
            <strong class={r.status === 'REJECTED' ? 'overdue' : undefined}>
              {r.status === 'APPROVED' ? t('tab.request.APPROVED', { amount: formatFen(r.approvedLimitFen ?? r.limitFen) }) : t(`tab.request.${r.status}`)}
            </strong>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The code sent to the villager for one amount (and date), and what they read out; starting over sets both aside. */
function useConfirmation() {
  const [sent, setSent] = useState<ConfirmationView | undefined>();
  const [code, setCode] = useState('');
  const startOver = () => {
    setSent(undefined);
    setCode('');
  };
  return { sent, setSent, code, setCode, startOver };
}

/** Back to the amount: the code sent is set aside, and a new one is needed. */
function StartOver({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" class="link" onClick={onClick}>
      {label}
    </button>
  );
}

/** 开通赊账 / 提高额度: the villager hears what they agree to, a code goes to their phone, they read it out, the request goes to ops. */
function AskLimit({ villager, tab, onAsked }: { villager: VillagerView; tab: TabView | undefined; onAsked: (r: TabRequestView) => void }) {
  const { station } = usePartner();
  const [limit, setLimit] = useState('');
  const { sent, setSent, code, setCode, startOver } = useConfirmation();
  const [round, setRound] = useState(0);
  // Another amount needs the villager's consent to that amount: a new code.
  useEffect(startOver, [limit]);
  const limitFen = () => {
    const fen = fenFromField(limit, 'limitFen', { required: true, positive: true });
    if (fen < 100) throw mistake('limitFen', 'field.atLeastAmount', { minAmountFen: 100 });
    return fen;
  };
  return (
    <>
      <TextInput
        name="limitFen"
        inputMode="decimal"
        autocomplete="off"
        label={t('tab.askLimit')}
        hint={tab ? t('tab.askLimitNow', { amount: formatFen(tab.limitFen) }) : t('tab.askLimitHint')}
        value={limit}
        onValue={setLimit}
        required
        disabled={Boolean(sent)}
      />
      <div class="consent">
        <p class="hint">{t('tab.readOut')}</p>
        <blockquote lang="zh-CN">{sent?.text ?? consentText}</blockquote>
      </div>
      <SendCode villagerId={villager.villagerId} body={() => ({ purpose: 'TAB_CONSENT', amountFen: limitFen() })} sent={sent} onSent={setSent} />
      {sent && (
        <>
          <StartOver label={t('tab.changeLimit')} onClick={startOver} />
          <CommandForm<TabRequestView>
            key={`${sent.confirmationId}:${round}`}
            formId={`tab-request:${villager.villagerId}`}
            submitLabel={t('tab.askSubmit')}
            build={() => ({
              command: {
                method: 'POST',
                path: `${tabPath(station.stationId, villager.villagerId)}/requests`,
                body: { limitFen: sent.amountFen, confirmationId: sent.confirmationId, code: typedCode(code) },
                label: t('tab.askLabel', { name: villager.name, amount: formatFen(sent.amountFen) }),
              },
            })}
            outcome={(r) => ({ message: t('tab.asked', { amount: formatFen(r.limitFen) }), kind: 'info' })}
            onDone={(r) => {
              onAsked(r);
              setLimit('');
              setRound((n) => n + 1);
            }}
          >
            {(intent) => <CodeField value={code} onValue={setCode} error={intent.fieldError('code')} />}
          </CommandForm>
        </>
      )}
    </>
  );
}

/**
 * 赊账 on an order's page: part or all of what is owed, with a due date the villager agrees to by the code sent to
 * their phone. Nothing goes into the drawer; the villager owes it on their tab.
 */
export function TabPayment({ order, onDone }: { order: OrderView; onDone: (r: PaymentView, said: string) => void }) {
  const { station } = usePartner();
  const [tab, setTab] = useState<TabView | undefined>();
  const [amount, setAmount] = useState('');
  const [dueDate, setDueDate] = useState(() => today(90));
  const { sent, setSent, code, setCode, startOver } = useConfirmation();
  useEffect(() => {
    void readTab(station.stationId, order.villagerId)
      .then((tb) => {
        setTab(tb);
        if (tb) setAmount(fenToYuanInput(Math.min(order.outstandingFen, tb.availableFen)));
      })
      .catch(() => undefined); // offline: no tab offered
  }, [order.orderId, order.outstandingFen]);
  // Another amount or date needs the villager's consent to it: a new code.
  useEffect(startOver, [amount, dueDate]);
  if (!tab) return null;
  const link = (
    <a href={`#/tab/${order.villagerId}`} class="button">
      {t('tab.open')}
    </a>
  );
  if (tab.status !== 'ACTIVE' || tab.availableFen === 0) {
    return (
      <Section title={t('tab.payTitle')} id="order-tab">
        {tab.status === 'ACTIVE' ? <Notice shown={t('tab.full', { limit: formatFen(tab.limitFen) })} /> : <TabStatus tab={tab} />}
        {link}
      </Section>
    );
  }
  const body = () => {
    const fen = fenFromField(amount, 'amountFen', { required: true, positive: true });
    if (fen > Math.min(order.outstandingFen, tab.availableFen))
      throw mistake('amountFen', 'field.atMost', { maxFen: Math.min(order.outstandingFen, tab.availableFen) });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate) || dueDate <= today() || dueDate > latestDueDate()) {
      throw mistake('dueDate', 'field.tabDueDate', { latest: latestDueDate() });
    }
    return { amountFen: fen, dueDate };
  };
  return (
    <Section title={t('tab.payTitle')} id="order-tab">
      <p class="hint">{t('tab.payHint', { available: formatFen(tab.availableFen), owed: formatFen(tab.owedFen) })}</p>
      <TextInput
        name="tabAmountFen"
        inputMode="decimal"
        autocomplete="off"
        label={t('tab.payAmount')}
        hint={t('orders.owes', { amount: formatFen(order.outstandingFen) })}
        value={amount}
        onValue={setAmount}
        disabled={Boolean(sent)}
        required
      />
      <TextInput
        name="dueDate"
        type="date"
        label={t('tab.dueDate')}
        hint={t('tab.dueDateHint', { latest: latestDueDate() })}
        min={today(1)}
        max={latestDueDate()}
        value={dueDate}
        onValue={setDueDate}
        disabled={Boolean(sent)}
        required
      />
      <SendCode villagerId={order.villagerId} body={() => ({ purpose: 'TAB_SALE', ...body() })} sent={sent} onSent={setSent} />
      {sent && (
        <>
          <StartOver label={t('tab.changeAmount')} onClick={startOver} />
          <CommandForm<PaymentView>
            key={sent.confirmationId}
            formId={`pay-tab:${order.orderId}`}
            submitLabel={t('tab.paySubmit', { amount: formatFen(sent.amountFen) })}
            build={() => ({
              command: {
                method: 'POST',
                path: `/v1/orders/${order.orderId}/payments`,
                body: { amountFen: sent.amountFen, source: 'TAB', confirmationId: sent.confirmationId, code: typedCode(code), dueDate: sent.dueDate },
                label: t('tab.payLabel', { amount: formatFen(sent.amountFen) }),
              },
            })}
            outcome={(r) =>
              t('tab.paid', {
                amount: formatFen(r.tab?.amountFen ?? sent.amountFen),
                date: r.tab?.dueDate ?? sent.dueDate ?? '',
                owed: formatFen(r.tab?.owedFen ?? 0),
                outstanding: formatFen(r.outstandingFen),
              })
            }
            onDone={(r, said) => {
              startOver();
              onDone(r, said);
            }}
          >
            {(intent) => <CodeField value={code} onValue={setCode} error={intent.fieldError('code') ?? intent.fieldError('source')} />}
          </CommandForm>
        </>
      )}
    </Section>
  );
}
