import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, dataStaleSince, networkBack, onStaleChange } from '../shared/api.ts';
import { loadSession, saveSession, signOut, type Session } from '../shared/auth.ts';
import { lang, setLang, t } from '../shared/i18n.ts';
import { allIntents, forget, isOnScreen, markSeen, onIntentsChange, type Intent } from '../shared/intent.ts';
import { shownProblem } from '../shared/problems.ts';
import { forgetData, registerServiceWorker } from '../shared/offline.ts';
import { BillReceipt, BillsScreen } from './bills.tsx';
import { tb } from './bills-text.ts';
import { CashScreen } from './cash.tsx';
import { Partner, type StationView } from './context.ts';
import { DeliveryScreen } from './delivery.tsx';
import { InstallationsScreen } from './installations.tsx';
import { RunSheet } from './run-sheet.tsx';
import { RunScreen } from './run.tsx';
import { NewOrder } from './order.tsx';
import { Receipt } from './receipt.tsx';
import { OrderDetail, OrderList } from './orders.tsx';
import { ParcelsScreen } from './parcels.tsx';
import { ProduceScreen } from './produce.tsx';
import { TabScreen } from './tab.tsx';
import { SignIn } from '../shared/sign-in.tsx';
import { Notice, useAction } from '../shared/ui.tsx';
import { VillagersScreen } from './villagers.tsx';

const app = 'partner';

function useHash(): string[] {
  const read = () => (location.hash.replace(/^#\/?/, '') || 'order').split('/');
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const update = () => setParts(read());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return parts;
}

/** Where the answer to a command sent while the partner was elsewhere is shown: an order's receipt, a bill's. */
function receiptOf(i: Intent): string | undefined {
  if (i.state !== 'done') return undefined;
  if (i.kind === 'order') return `#/receipt/${(i.result as { orderId: string }).orderId}`;
  if (i.kind === 'bill') return `#/bills/${(i.result as { billPaymentId: string }).billPaymentId}`;
  return undefined;
}

/** What waits for the network, what was refused, and what was sent while the partner was elsewhere. */
function Pending({ onRefresh }: { onRefresh: () => void }) {
  const [intents, setIntents] = useState<Intent[]>([]);
  const [staleSince, setStaleSince] = useState(dataStaleSince());
  const [back, setBack] = useState(networkBack());
  useEffect(() => {
    const refresh = () => void allIntents().then(setIntents);
    refresh();
    const stops = [
      onIntentsChange(refresh),
      onStaleChange(() => {
        setStaleSince(dataStaleSince());
        setBack(networkBack());
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, []);
  const waiting = intents.filter((i) => i.state === 'pending');
  const unseen = intents.filter((i) => i.state !== 'pending' && !i.seen && !isOnScreen(i.formId));
  return (
    <div class="pending-area" aria-live="polite">
      {staleSince !== undefined && (
        <p class="notice info" role="status">
          {t('offline.data', { time: new Date(staleSince).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' }) })}
        </p>
      )}
      {back && (
        <p class="notice info" role="status">
          {t('offline.back')}{' '}
          <button class="link" onClick={onRefresh}>
            {t('offline.refresh')}
          </button>
        </p>
      )}
      {unseen.map((i) => {
        const receipt = receiptOf(i);
        return (
          <div class={`notice ${i.state === 'refused' ? 'error' : 'ok'}`} role={i.state === 'refused' ? 'alert' : 'status'} key={i.formId}>
            {i.state === 'refused'
              ? t('pending.refused', { label: i.command.label, why: i.problem ? shownProblem(i.problem).message : '' })
              : t('pending.sent', { label: i.command.label })}{' '}
            {receipt && (
              <a href={receipt} onClick={() => void markSeen(i.formId)}>
                {t('pending.receipt')}
              </a>
            )}{' '}
            <button class="link" onClick={() => void (i.state === 'refused' ? markSeen(i.formId) : forget(i.formId))}>
              {t('pending.dismiss')}
            </button>
          </div>
        );
      })}
      {waiting.length > 0 && (
        <details class="pending" open>
          <summary role="status">{t('pending.count', { n: waiting.length })}</summary>
          <ul>
            {waiting.map((c) => (
              <li key={c.formId}>{c.command.label}</li>
            ))}
          </ul>
          <p class="hint">{t('pending.explain')}</p>
        </details>
      )}
    </div>
  );
}

const screens: [string, () => string][] = [
  ['order', () => t('nav.order')],
  ['villagers', () => t('nav.villagers')],
  ['orders', () => t('nav.orders')],
  ['delivery', () => t('nav.delivery')],
  ['parcels', () => t('nav.parcels')],
  ['produce', () => t('nav.produce')],
  ['bills', () => tb('nav.bills')],
  ['aftersales', () => t('nav.aftersales')],
  ['cash', () => t('nav.cash')],
];

/** Screens reached from another section's screen keep that section highlighted. */
const sectionOf: Record<string, string> = { receipt: 'order', runs: 'delivery', sheet: 'delivery', tab: 'villagers' };

function Screen({ parts }: { parts: string[] }) {
  const [screen, a] = parts;
  switch (screen) {
    case 'villagers':
      return <VillagersScreen />;
    case 'tab':
      return <TabScreen villagerId={a!} />;
    case 'receipt':
      return <Receipt orderId={a!} />;
    case 'orders':
      return a ? <OrderDetail orderId={a} /> : <OrderList />;
    case 'delivery':
      return <DeliveryScreen />;
    case 'runs':
      return <RunScreen runId={a!} />;
    case 'sheet':
      return <RunSheet runId={a!} />;
    case 'bills':
      return a ? <BillReceipt billPaymentId={a} /> : <BillsScreen />;
    case 'aftersales':
      return <InstallationsScreen />;
    case 'cash':
      return <CashScreen />;
    case 'produce':
      return <ProduceScreen taskId={a} />;
    case 'parcels':
      return <ParcelsScreen />;
    default:
      return <NewOrder villagerId={a} />;
  }
}

function App() {
  const [session, setSession] = useState<Session | undefined>(() => loadSession(app));
  const [station, setStation] = useState<StationView | undefined>(() => JSON.parse(localStorage.getItem('station') ?? 'null') ?? undefined);
  const [, rerender] = useState(0);
  /** Bumped to read the screen's data again (the network is back): the screen is drawn anew. */
  const [reads, setReads] = useState(0);
  const parts = useHash();

  useEffect(() => {
    if (!session?.stationId) return;
    void api<StationView>('GET', `/v1/stations/${session.stationId}`)
      .then((s) => {
        localStorage.setItem('station', JSON.stringify(s));
        setStation(s);
      })
      .catch(() => undefined); // offline: the copy kept from last time will do
  }, [session?.token]);

  if (!session || session.role !== 'partner') {
    return (
      <SignIn
        role="partner"
        onSession={(s) => {
          saveSession(app, s);
          setSession(s);
        }}
      />
    );
  }
  if (!station || station.stationId !== session.stationId) return <p class="loading">{t('loading')}</p>;

  const go = (hash: string) => {
    location.hash = hash;
  };
  return (
    <Partner.Provider value={{ session, station, go }}>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('skip')}
      </a>
      <header class="top">
        <div class="who">
          <strong>{station.name}</strong>
          <span>{t('who.partner')}</span>
        </div>
        <div class="tools">
          <button
            class="link"
            onClick={() => {
              setLang(lang() === 'zh' ? 'en' : 'zh');
              rerender((n) => n + 1);
            }}
            lang={lang() === 'zh' ? 'en' : 'zh-CN'}
          >
            {t('lang.switch')}
          </button>
          <KioskPairing stationId={station.stationId} />
          <button
            class="link"
            onClick={() => {
              signOut(app);
              // A shared shop PC keeps nobody's data: the copies kept for offline use go with the session.
              void forgetData();
              setSession(undefined);
            }}
          >
            {t('signOut')}
          </button>
        </div>
        <nav aria-label={t('nav.label')}>
          {screens.map(([id, label]) => (
            <a key={id} href={`#/${id}`} aria-current={(sectionOf[parts[0] ?? ''] ?? parts[0]) === id ? 'page' : undefined}>
              {label()}
            </a>
          ))}
        </nav>
      </header>
      <Pending onRefresh={() => setReads((n) => n + 1)} />
      <main id="main" tabIndex={-1}>
        <Screen parts={parts} key={reads} />
      </main>
    </Partner.Provider>
  );
}

document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
registerServiceWorker();
const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);

/** A one-time code for the station's kiosk (POST /v1/stations/{id}/kiosk-pairings), shown until the page moves on. */
function KioskPairing({ stationId }: { stationId: string }) {
  const [code, setCode] = useState<string | undefined>();
  const action = useAction();
  return (
    <>
      <button
        class="link"
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            const made = await api<{ code: string }>('POST', `/v1/stations/${stationId}/kiosk-pairings`, { key: crypto.randomUUID() });
            setCode(made.code);
          })
        }
      >
        {t('kiosk.pair')}
      </button>
      {code ? <span role="status">{t('kiosk.pairShown', { code })}</span> : null}
      <Notice shown={action.problem} />
    </>
  );
}
