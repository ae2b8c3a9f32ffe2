import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { dataStaleSince, networkBack, onStaleChange } from '../shared/api.ts';
import { loadSession, saveSession, signOut, type Session } from '../shared/auth.ts';
import { forgetData, registerServiceWorker } from '../shared/offline.ts';
import { lang, setLang } from '../shared/i18n.ts';
import { t } from './texts.ts';
import { SignIn } from '../shared/sign-in.tsx';
import { BillerList, BillerScreen } from './billers.tsx';
import { CatalogueScreen, ImportScreen, ProductScreen } from './catalogue.tsx';
import { MonthScreen, StationMonth } from './month.tsx';
import { NeedsScreen, OrderScreen } from './needs.tsx';
import { ProduceList, ProduceScreen } from './produce.tsx';
import { NewStation, StationList, StationScreen } from './stations.tsx';
import { RiskScreen } from './risk.tsx';
import { SecurityScreen } from './security.tsx';
import { SynonymScreen } from './synonyms.tsx';
import { UsersScreen } from './users.tsx';
import { ParcelsScreen } from './parcels.tsx';
import { StationTabsScreen, TabBookScreen, TabRequestsScreen } from './tabs.tsx';
import { locale } from './common.ts';

const app = 'ops';

function useHash(): string[] {
  const read = () => (location.hash.replace(/^#\/?/, '') || 'needs').split('/').map(decodeURIComponent);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const update = () => {
      setParts(read());
      // A new screen: the keyboard and the screen reader start at its heading.
      requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: false }));
    };
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return parts;
}

const screens: [string, Parameters<typeof t>[0]][] = [
  ['needs', 'ops.nav.needs'],
  ['stations', 'ops.nav.stations'],
  ['catalogue', 'ops.nav.catalogue'],
  ['produce', 'ops.nav.produce'],
  ['billers', 'ops.nav.billers'],
  ['month', 'ops.nav.month'],
  ['risk', 'ops.nav.risk'],
  ['synonyms', 'ops.nav.synonyms'],
  ['users', 'ops.nav.users'],
  ['security', 'ops.nav.security'],
  ['parcels', 'ops.nav.parcels'],
  ['tab-requests', 'ops.nav.tabRequests'],
  ['tabs', 'ops.nav.tabs'],
];

/** Screens reached from another section's screen keep that section highlighted. */
const sectionOf: Record<string, string> = { orders: 'needs' };

function Screen({ parts }: { parts: string[] }) {
  const [screen, a, b] = parts;
  switch (screen) {
    case 'orders':
      return <OrderScreen orderId={a!} />;
    case 'stations':
      if (a === 'new') return <NewStation />;
      return a ? <StationScreen stationId={a} /> : <StationList />;
    case 'catalogue':
      if (a === 'import') return <ImportScreen />;
      if (a === 'new') return <ProductScreen />;
      return a ? <ProductScreen sku={a} /> : <CatalogueScreen />;
    case 'produce':
      if (a === 'new') return <ProduceScreen />;
      return a ? <ProduceScreen code={a} /> : <ProduceList />;
    case 'billers':
      if (a === 'new') return <BillerScreen />;
      return a ? <BillerScreen code={a} /> : <BillerList />;
    case 'month':
      return b ? <StationMonth month={a!} stationId={b} /> : <MonthScreen {...(a ? { month: a } : {})} />;
    case 'synonyms':
      return <SynonymScreen />;
    case 'risk':
      return <RiskScreen />;
    case 'users':
      return <UsersScreen />;
    case 'security':
      return <SecurityScreen />;
    case 'parcels':
      return <ParcelsScreen stationId={a} />;
    case 'tab-requests':
      return <TabRequestsScreen />;
    case 'tabs':
      return a ? <StationTabsScreen stationId={a} /> : <TabBookScreen />;
    default:
      return <NeedsScreen />;
  }
}

/** Opened without a network, the console shows what it last read, and says so; and says when the network is back. */
function Freshness({ onRefresh }: { onRefresh: () => void }) {
  const [staleSince, setStaleSince] = useState(dataStaleSince());
  const [back, setBack] = useState(networkBack());
  useEffect(
    () =>
      onStaleChange(() => {
        setStaleSince(dataStaleSince());
        setBack(networkBack());
      }),
    [],
  );
  return (
    <div class="pending-area" aria-live="polite">
      {staleSince !== undefined && (
        <p class="notice info" role="status">
          {t('ops.offline.data', { time: new Date(staleSince).toLocaleString(locale(), { timeZone: 'Asia/Shanghai' }) })}
        </p>
      )}
      {back && (
        <p class="notice info" role="status">
          {t('ops.offline.back')}{' '}
          <button class="link" onClick={onRefresh}>
            {t('ops.refresh')}
          </button>
        </p>
      )}
    </div>
  );
}

function App() {
  const [session, setSession] = useState<Session | undefined>(() => loadSession(app));
  const [, rerender] = useState(0);
  const [reads, setReads] = useState(0);
  const parts = useHash();

  if (!session || session.role !== 'ops') {
    return (
      <SignIn
        role="ops"
        onSession={(s) => {
          saveSession(app, s);
          setSession(s);
        }}
      />
    );
  }
  return (
    <>
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
          <strong>{t('ops.title')}</strong>
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
              // A shared office PC keeps nobody's data.
              void forgetData('ops-data');
              setSession(undefined);
            }}
          >
            {t('signOut')}
          </button>
        </div>
        <nav aria-label={t('nav.label')}>
          {screens.map(([id, key]) => (
            <a key={id} href={`#/${id}`} aria-current={(sectionOf[parts[0] ?? ''] ?? parts[0]) === id ? 'page' : undefined}>
              {t(key)}
            </a>
          ))}
        </nav>
      </header>
      <Freshness onRefresh={() => setReads((n) => n + 1)} />
      <main id="main" tabIndex={-1} class="ops">
        <Screen parts={parts} key={`${parts.join('/')}:${reads}`} />
      </main>
    </>
  );
}

document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
registerServiceWorker('/ops/sw.js', '/ops/');
const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
