import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { loadSession, saveSession, signOut, type Session } from '../shared/auth.ts';
import { lang, setLang, t } from '../shared/i18n.ts';
import { dismissRefused, onQueueChange, pending, refusedCommands, type QueuedCommand } from '../shared/queue.ts';
import { explain } from '../shared/problems.ts';
import { BillReceipt, BillsScreen } from './bills.tsx';
import { tb } from './bills-text.ts';
import { CashScreen } from './cash.tsx';
import { Partner, type StationView } from './context.ts';
import { DeliveryScreen, RunScreen, RunSheet } from './delivery.tsx';
import { NewOrder, Receipt } from './order.tsx';
import { OrderDetail, OrderList } from './orders.tsx';
import { SignIn } from '../shared/sign-in.tsx';
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

function Pending() {
  const [items, setItems] = useState<QueuedCommand[]>([]);
  const [refused, setRefused] = useState(refusedCommands());
  useEffect(() => {
    const refresh = () => {
      void pending().then(setItems);
      setRefused(refusedCommands());
    };
    refresh();
    return onQueueChange(refresh);
  }, []);
  return (
    <>
      {refused.map((r) => (
        <div class="notice error" role="alert" key={r.key}>
          {t('pending.refused', { label: r.label, why: explain(r.error).message })}{' '}
          <button class="link" onClick={() => dismissRefused(r.key)}>
            {t('pending.dismiss')}
          </button>
        </div>
      ))}
      {items.length > 0 && <PendingList items={items} />}
    </>
  );
}

function PendingList({ items }: { items: QueuedCommand[] }) {
  return (
    <details class="pending" open>
      <summary role="status">{t('pending.count', { n: items.length })}</summary>
      <ul>
        {items.map((c) => (
          <li key={c.key}>{c.label}</li>
        ))}
      </ul>
      <p class="hint">{t('pending.explain')}</p>
    </details>
  );
}

const screens: [string, () => string][] = [
  ['order', () => t('nav.order')],
  ['villagers', () => t('nav.villagers')],
  ['orders', () => t('nav.orders')],
  ['delivery', () => t('nav.delivery')],
  ['bills', () => tb('nav.bills')],
  ['cash', () => t('nav.cash')],
];

/** Screens reached from another section's screen keep that section highlighted. */
const sectionOf: Record<string, string> = { receipt: 'order', runs: 'delivery', sheet: 'delivery' };

function Screen({ parts }: { parts: string[] }) {
  const [screen, a] = parts;
  switch (screen) {
    case 'villagers':
      return <VillagersScreen />;
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
    case 'cash':
      return <CashScreen />;
    default:
      return <NewOrder villagerId={a} />;
  }
}

function App() {
  const [session, setSession] = useState<Session | undefined>(() => loadSession(app));
  const [station, setStation] = useState<StationView | undefined>(() => JSON.parse(localStorage.getItem('station') ?? 'null') ?? undefined);
  const [, rerender] = useState(0);
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
          <span>{session.name}</span>
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
          <button
            class="link"
            onClick={() => {
              signOut(app);
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
      <Pending />
      <main id="main" tabIndex={-1}>
        <Screen parts={parts} />
      </main>
    </Partner.Provider>
  );
}

document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
