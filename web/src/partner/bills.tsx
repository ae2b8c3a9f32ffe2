import { useEffect, useState } from 'preact/hooks';
import { api, NetworkError } from '../shared/api.ts';
import { formatFen, yuanToFen } from '../shared/money.ts';
import { IntentStatus, useIntent, type Asked } from '../shared/intent-ui.tsx';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { Choice, Figures, Notice, Section, TextInput, useAction, type Figure } from '../shared/ui.tsx';
import type { AccountView, BillerView, BillPaymentView, Page, Statement, VillagerView } from '../shared/types.ts';
import { PrintHow } from './print-how.tsx';
import { reasonText, tb } from './bills-text.ts';
import { today, usePartner } from './context.ts';
import { VillagerSearch } from './villagers.tsx';

/**
 * 缴费: a villager's phone top-up, power or water bill, paid in cash at the
 * station (docs/rules.md "Bills"). Pick the biller, type the account (a phone
 * keypad for top-ups), see the holder's masked name and what is due, take the
 * cash (the change is worked out), pay, print the receipt. A payment the
 * gateway has not answered yet shows "处理中，请勿重复缴费" and updates itself.
 */

const receivedKey = (id: string) => `bill-received:${id}`;
/** How often a pending payment is read again (each read asks the gateway). */
const pollMs = 3_000;

/** The form's fields when the payment was asked for: a reload while it is pending shows the locked form as it was. */
interface BillDraft {
  billerCode: string;
  account: AccountView;
  topUp: string;
  received: string;
  villager?: VillagerView | undefined;
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

/** Who pays, if the partner names them (optional): the payment is kept under the villager, and their erasure reaches it. */
function WhoPays({ villager, onVillager }: { villager: VillagerView | undefined; onVillager: (v: VillagerView | undefined) => void }) {
  if (villager) {
    return (
      <p class="picked">
        {tb('villagerChosen', { name: villager.name })}{' '}
        <button type="button" class="link" onClick={() => onVillager(undefined)}>
          {tb('villagerChange')}
        </button>
      </p>
    );
  }
  return (
    <details class="who-pays">
      <summary>{tb('villager')}</summary>
      <p class="hint">{tb('villagerHint')}</p>
      <VillagerSearch pickLabel={tb('villagerPick')} onPick={onVillager} />
    </details>
  );
}

function NewBill() {
  const { station, go } = usePartner();
  const [billers, setBillers] = useState<BillerView[]>([]);
  const [billerCode, setBillerCode] = useState('');
  const [accountNo, setAccountNo] = useState('');
  const [account, setAccount] = useState<AccountView | undefined>();
  const [topUp, setTopUp] = useState('');
  const [received, setReceived] = useState('');
  const [villager, setVillager] = useState<VillagerView | undefined>();
  /** A payment of the same account still processing: paying again would pay the bill twice. */
  const [pendingSame, setPendingSame] = useState<BillPaymentView | undefined>();
  const load = useAction();
  const lookup = useAction();
  const [lookupFailed, setLookupFailed] = useState(false);
  // One payment, one key: every tap, retry and reload of it is applied once.
  const intent = useIntent<BillPaymentView>('bill-pay');

  useEffect(() => {
    void load.run(async () => {
      const list = (await api<Page<BillerView>>('GET', '/v1/billers')).items;
      setBillers(list);
      setBillerCode((code) => code || list[0]?.billerCode || '');
    });
  }, []);
  // A payment asked for earlier: waiting or refused (the form as it was), or answered while the partner was away (its receipt).
  useEffect(() => {
    if (!intent.loaded) return;
    const i = intent.intent;
    if (i?.state === 'pending' || i?.state === 'refused') {
      const d = i.draft as BillDraft;
      setBillerCode(d.billerCode);
      setAccountNo(d.account.accountNo);
      setAccount(d.account);
      setTopUp(d.topUp);
      setReceived(d.received);
      setVillager(d.villager);
    } else if (i?.state === 'done') {
      if (!i.seen && i.result) go(`#/bills/${i.result.billPaymentId}`);
      else void intent.reset();
    }
  }, [intent.loaded, intent.intent?.state]);

  const biller = billers.find((b) => b.billerCode === billerCode);
  const phone = biller?.kind === 'PHONE';
  const amountFen = !account || !biller ? undefined : biller.amountRule === 'EXACT' ? account.dueFen : yuanToFen(topUp);
  const totalFen = amountFen === undefined || !biller ? undefined : amountFen + biller.customerFeeFen;
  const receivedFen = received.trim() ? yuanToFen(received) : undefined;
  const changeFen = totalFen !== undefined && receivedFen !== undefined ? receivedFen - totalFen : undefined;

  const reset = () => {
    setAccount(undefined);
    setPendingSame(undefined);
    setTopUp('');
    setReceived('');
    setLookupFailed(false);
  };

  const build = (): Asked => {
    if (!account || !biller) throw mistake('accountNo', 'field.required');
    const fen = biller.amountRule === 'EXACT' ? account.dueFen : fenFromField(topUp, 'amountFen', { required: true, positive: true });
    const total = fen + biller.customerFeeFen;
    if (received.trim() && fenFromField(received, 'received') < total) throw mistake('received', 'field.collect', { amountFen: total });
    const said = { amount: formatFen(total), biller: biller.name, account: account.accountNo };
    return {
      command: {
        method: 'POST',
        path: `/v1/stations/${station.stationId}/bill-payments`,
        body: { billerCode: biller.billerCode, accountNo: account.accountNo, amountFen: fen, ...(villager ? { villagerId: villager.villagerId } : {}) },
        label: tb('payLabel', { biller: biller.name, amount: formatFen(total) }),
      },
      draft: { billerCode: biller.billerCode, account, topUp, received, villager } satisfies BillDraft,
      kind: 'bill',
      confirm: pendingSame ? tb('payConfirmPending', { ...said, pending: formatFen(pendingSame.totalFen) }) : tb('payConfirm', said),
    };
  };

  useEffect(() => {
    if (intent.done && receivedFen !== undefined) sessionStorage.setItem(receivedKey(intent.done.result!.billPaymentId), String(receivedFen));
  }, [intent.done?.key]);

  return (
    <Section title={tb('new.title')} id="new-bill">
      <Notice shown={load.problem} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setLookupFailed(false);
          void lookup.run(async () => {
            try {
              const found = await api<AccountView>('GET', `/v1/billers/${billerCode}/accounts/${encodeURIComponent(accountNo.trim())}`);
              // Still processing for this account: said before anything else, and again in the confirmation.
              const pending = await api<Page<BillPaymentView>>('GET', `/v1/stations/${station.stationId}/bill-payments?status=PENDING&limit=50`).catch(
                () => undefined,
              );
              setPendingSame(pending?.items.find((b) => b.billerCode === found.billerCode && b.accountNo === found.accountNo));
              setAccount(found);
            } catch (error) {
              if (error instanceof NetworkError) setLookupFailed(true);
              else throw error;
            }
          });
        }}
      >
        <fieldset class="plain" disabled={intent.locked}>
          <legend class="sr-only">{tb('lookup')}</legend>
          {billers.length > 0 && (
            <Choice
              legend={tb('biller')}
              name="billerCode"
              value={billerCode}
              onValue={(code) => {
                setBillerCode(code);
                reset();
              }}
              options={billers.map((b): [string, string] => [b.billerCode, b.name])}
            />
          )}
          <TextInput
            name="accountNo"
            label={phone ? tb('account.phone') : tb('account.other')}
            hint={phone ? tb('account.phoneHint') : tb('account.otherHint')}
            type={phone ? 'tel' : 'text'}
            inputMode={phone ? 'tel' : 'numeric'}
            autoComplete="off"
            value={accountNo}
            onValue={(v) => {
              setAccountNo(v);
              reset();
            }}
            error={lookup.fieldError('accountNo') ?? (lookup.problem && !account ? lookup.problem.message : undefined)}
            required
          />
          {lookupFailed && <Notice shown={tb('lookupFailed')} />}
          <button type="submit" disabled={lookup.busy || !accountNo.trim()}>
            {lookup.busy ? tb('looking') : tb('lookup')}
          </button>
        </fieldset>
      </form>

      {account &&
        biller &&
        (intent.locked ? (
          villager && <p class="picked">{tb('villagerChosen', { name: villager.name })}</p>
        ) : (
          <WhoPays villager={villager} onVillager={setVillager} />
        ))}
      {account && biller && (
        <form
          class="command"
          aria-busy={intent.busy}
          onSubmit={(e) => {
            e.preventDefault();
            intent.submit(build);
          }}
        >
          <fieldset class="plain" disabled={intent.locked || Boolean(intent.confirming)}>
            <legend class="sr-only">{tb('pay')}</legend>
            <p class="holder" aria-live="polite">
              {tb('holder')} <strong>{account.holderName}</strong>
            </p>
            {pendingSame && (
              <div class="notice error" role="alert">
                {tb('alreadyPending', { amount: formatFen(pendingSame.totalFen), time: timeOf(pendingSame.createdAt) })}{' '}
                <a href={`#/bills/${pendingSame.billPaymentId}`}>{tb('alreadyPendingLink')}</a>
              </div>
            )}

            {biller.amountRule === 'EXACT' && <Figures big rows={[[tb('due'), account.dueFen]]} />}
            {biller.amountRule === 'EXACT' && account.dueFen === 0 && <Notice shown={tb('nothingDue')} kind="info" />}
            {biller.amountRule === 'ANY' && (
              <TextInput
                name="amountFen"
                inputMode="decimal"
                autocomplete="off"
                label={tb('topUp')}
                value={topUp}
                onValue={setTopUp}
                error={intent.fieldError('amountFen')}
                required
              />
            )}
            <Figures rows={[[tb('amount'), amountFen], biller.customerFeeFen > 0 && [tb('fee'), biller.customerFeeFen], [tb('total'), totalFen]]} />
            <TextInput
              name="received"
              inputMode="decimal"
              autocomplete="off"
              label={tb('received')}
              value={received}
              onValue={setReceived}
              error={intent.fieldError('received')}
            />
            <div aria-live="polite">
              {changeFen !== undefined && changeFen >= 0 && <Figures big rows={[[tb('change'), changeFen]]} />}
              {changeFen !== undefined && changeFen < 0 && <Notice shown={tb('short', { amount: formatFen(-changeFen) })} />}
            </div>
          </fieldset>
          <IntentStatus intent={intent} submitLabel={tb('pay')} />
        </form>
      )}
    </Section>
  );
}

function StatusNotice({ payment }: { payment: BillPaymentView }) {
  if (payment.status === 'PAID') return <Notice shown={tb('status.PAID')} kind="ok" />;
  if (payment.status === 'FAILED') {
    return (
      <Notice
        shown={`${tb('status.FAILED')}（${reasonText(payment.failureReason)}）。${tb('failedExplain', { amount: formatFen(payment.totalFen) })}`}
        kind="error"
      />
    );
  }
  return (
    <div class="notice info" role="status">
      <strong>{tb('status.PENDING')}</strong>
      <br />
      {tb('pendingExplain')}
    </div>
  );
}

/** `#/bills/<id>`: the receipt; a pending payment is read again every few seconds until the gateway's answer settles it. */
export function BillReceipt({ billPaymentId }: { billPaymentId: string }) {
  const { station } = usePartner();
  const [payment, setPayment] = useState<BillPaymentView | undefined>();
  const action = useAction();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const read = async () => {
      try {
        const p = await api<BillPaymentView>('GET', `/v1/bill-payments/${billPaymentId}`);
        if (stopped) return;
        setPayment(p);
        if (p.status === 'PENDING') timer = setTimeout(() => void read(), pollMs);
      } catch (error) {
        if (stopped) return;
        // Offline for a moment: try again; a refusal (404) is shown.
        if (error instanceof NetworkError) timer = setTimeout(() => void read(), pollMs);
        else void action.run(() => Promise.reject(error));
      }
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [billPaymentId]);
  if (!payment) return <Notice shown={action.problem} />;
  const receivedFen = Number(sessionStorage.getItem(receivedKey(payment.billPaymentId)) ?? NaN);
  const rows: (Figure | false)[] = [
    [tb('amount'), payment.amountFen],
    payment.customerFeeFen > 0 && [tb('fee'), payment.customerFeeFen],
    [tb('total'), payment.totalFen],
    Number.isFinite(receivedFen) && [tb('receivedShort'), receivedFen],
    Number.isFinite(receivedFen) && payment.status !== 'FAILED' && [tb('change'), receivedFen - payment.totalFen],
  ];
  return (
    <article class="receipt bill-receipt">
      <h1>{tb('receipt')}</h1>
      <div aria-live="polite">
        <StatusNotice payment={payment} />
      </div>
      <p>
        {station.name} · {new Date(payment.createdAt).toLocaleString(undefined, { timeZone: 'Asia/Shanghai' })}
      </p>
      <p>
        <strong>{payment.billerName}</strong> · {tb('account')} {payment.accountNo} · {payment.holderName}
      </p>
      {payment.accountMasked && <p class="hint">{tb('accountErased')}</p>}
      <Figures rows={rows} />
      {payment.receiptNo && (
        <p>
          {tb('receiptNo')} <strong class="receipt-no">{payment.receiptNo}</strong>
        </p>
      )}
      <div class="no-print actions">
        <button class="primary" onClick={() => print()}>
          {tb('print')}
        </button>
        <a class="button" href="#/bills">
          {tb('another')}
        </a>
      </div>
      <PrintHow />
    </article>
  );
}

function BillRows({ items }: { items: BillPaymentView[] }) {
  return (
    <ul class="rows">
      {items.map((b) => (
        <li key={b.billPaymentId}>
          <a href={`#/bills/${b.billPaymentId}`}>
            {new Date(b.createdAt).toLocaleTimeString(undefined, { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' })} {b.billerName}{' '}
            {b.accountNo}
          </a>
          <span>
            {formatFen(b.totalFen)} · <span class={`bill-status ${b.status.toLowerCase()}`}>{tb(`status.${b.status}`)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function TodayBills() {
  const { station } = usePartner();
  const [items, setItems] = useState<BillPaymentView[] | undefined>();
  const action = useAction();
  useEffect(() => {
    void action.run(async () =>
      setItems((await api<Page<BillPaymentView>>('GET', `/v1/stations/${station.stationId}/bill-payments?date=${today()}&limit=50`)).items),
    );
  }, []);
  return (
    <Section title={tb('today')} id="today-bills">
      <Notice shown={action.problem} />
      {items && (items.length ? <BillRows items={items} /> : <p class="empty">{tb('none')}</p>)}
    </Section>
  );
}

/** `#/bills`: a new payment, and today's. */
export function BillsScreen() {
  return (
    <>
      <h1>{tb('title')}</h1>
      <NewBill />
      <TodayBills />
    </>
  );
}

/** For the cash view: bills whose cash is in the drawer but whose payment is not settled yet, shown apart (and watched until they are). */
export function PendingBills() {
  const { station } = usePartner();
  const [items, setItems] = useState<BillPaymentView[]>([]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const read = async () => {
      const page = await api<Page<BillPaymentView>>('GET', `/v1/stations/${station.stationId}/bill-payments?status=PENDING&limit=50`).catch(() => undefined);
      if (stopped) return;
      if (page) setItems(page.items);
      if (!page || page.items.length > 0) timer = setTimeout(() => void read(), pollMs * 2);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  if (items.length === 0) return null;
  return (
    <Section title={tb('cash.pending')} id="pending-bills">
      <p>
        <strong>{tb('cash.pendingTotal', { n: items.length, amount: formatFen(items.reduce((s, b) => s + b.totalFen, 0)) })}</strong>
      </p>
      <BillRows items={items} />
    </Section>
  );
}

/** The statement's bill figures, for the cash view. */
export const billStatementRows = (s: Statement | undefined): Figure[] => [
  [tb('statement.bills'), s?.billsPaid, 'count'],
  [tb('statement.billsFen'), s?.billsFen],
  [tb('statement.billCommission'), s?.billCommissionFen],
];
