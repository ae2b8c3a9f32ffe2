import { categories } from '#domain/product.ts';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { loadSession, saveSession, signOut, type Session } from '../shared/auth.ts';
import { lang, setLang, t, type Key } from '../shared/i18n.ts';
import { formatFenShort } from '../shared/money.ts';
import { forgetData, registerServiceWorker } from '../shared/offline.ts';
import { SignIn } from '../shared/sign-in.tsx';
import { Notice, useAction } from '../shared/ui.tsx';
import { CategoryIcon, ProductPicture, SpeakerIcon } from './icons.tsx';
import { canSpeak, speak, spokenPrice } from './speech.ts';
import { WeighPanel } from './weigh.tsx';
import type { Page, ProduceView, ProductView as Product } from '../shared/types.ts';

const app = 'kiosk';

interface CartLine {
  product: Product;
  qty: number;
}

const titleOf = (p: Product) => (lang() === 'en' && p.titleEn ? p.titleEn : p.title);
const savingOf = (p: Product) => Math.max(0, p.localStorePriceFen - p.onlinePriceFen);

function say(p: Product) {
  speak(`${p.title}，${spokenPrice(p.onlinePriceFen)}${savingOf(p) > 0 ? `，比县城便宜${spokenPrice(savingOf(p))}` : ''}`);
}

/** Today's buying prices: what the station pays villagers for their produce, shown big and read aloud in Mandarin. */
function BuyingPrices({ items }: { items: ProduceView[] }) {
  const readAll = () =>
    speak(
      `${t('kiosk.prices')}：${items.map((i) => `${i.title}，${i.grades.map((g) => `${g.grade}级每公斤${spokenPrice(g.priceFenPerKg)}`).join('，')}`).join('；')}`,
    );
  return (
    <section class="prices" aria-label={t('kiosk.prices')}>
      <h2>{t('kiosk.prices')}</h2>
      <ul>
        {items.map((i) => (
          <li key={i.code}>
            <strong>{i.title}</strong>{' '}
            {i.grades.map((g) => (
              <span class="price" key={g.grade}>
                {t('kiosk.pricePerKg', { grade: g.grade, price: formatFenShort(g.priceFenPerKg) })}{' '}
              </span>
            ))}
          </li>
        ))}
      </ul>
      {canSpeak() && (
        <button onClick={readAll}>
          <SpeakerIcon /> {t('kiosk.pricesRead')}
        </button>
      )}
    </section>
  );
}

/** Selling produce: today's prices, and beside them the weighing, worked out and read aloud in front of the villager. */
function ProduceCorner() {
  const [items, setItems] = useState<ProduceView[]>([]);
  useEffect(() => {
    void api<{ items: ProduceView[] }>('GET', '/v1/produce')
      .then((r) => setItems(r.items))
      .catch(() => undefined); // offline: the prices stay hidden rather than wrong
  }, []);
  if (items.length === 0) return null;
  return (
    <div class="produce-corner">
      <BuyingPrices items={items} />
      <WeighPanel items={items} />
    </div>
  );
}

function Kiosk({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [category, setCategory] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [products, setProducts] = useState<Product[]>([]);
  // The next page of this search or category, when there is one; undefined until the first page has come.
  const [next, setNext] = useState<string | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [cart, setCart] = useState<CartLine[]>([]);
  const [sent, setSent] = useState<{ cartNo: string } | undefined>();
  /** What 要这个 just did, said where the villager is looking (a phone-sized screen has the cart far below). */
  const [added, setAdded] = useState<{ name: string; at: number } | undefined>();
  /** The cart being built is one intent: a second tap on "send" sends the same key, so one cart reaches the partner. */
  const [cartKey, setCartKey] = useState<string>(() => crypto.randomUUID());
  const [, rerender] = useState(0);
  const action = useAction();
  const send = useAction();

  const query = (cursor?: string) =>
    new URLSearchParams({ limit: '24', ...(category ? { category } : {}), ...(q.trim() ? { q: q.trim() } : {}), ...(cursor ? { next: cursor } : {}) });
  useEffect(() => {
    setLoaded(false);
    const timer = setTimeout(() => {
      void action.run(async () => {
        const page = await api<Page<Product>>('GET', `/v1/products?${query()}`);
        setProducts(page.items);
        setNext(page.next);
        setLoaded(true);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [category, q]);
  const more = () =>
    void action.run(async () => {
      const page = await api<Page<Product>>('GET', `/v1/products?${query(next)}`);
      setProducts((shown) => [...shown, ...page.items.filter((p) => !shown.some((s) => s.sku === p.sku))]);
      setNext(page.next);
    });
  const showAll = () => {
    setQ('');
    setCategory(undefined);
  };

  const add = (p: Product) => {
    setSent(undefined);
    setCart((c) =>
      c.some((l) => l.product.sku === p.sku)
        ? c.map((l) => (l.product.sku === p.sku ? { ...l, qty: Math.min(99, l.qty + 1) } : l))
        : [...c, { product: p, qty: 1 }],
    );
    setAdded({ name: titleOf(p), at: Date.now() });
    say(p);
  };
  const change = (sku: string, by: number) => setCart((c) => c.map((l) => (l.product.sku === sku ? { ...l, qty: l.qty + by } : l)).filter((l) => l.qty > 0));
  const total = cart.reduce((n, l) => n + l.product.onlinePriceFen * l.qty, 0);
  const count = cart.reduce((n, l) => n + l.qty, 0);
  const qtyOf = (sku: string) => cart.find((l) => l.product.sku === sku)?.qty ?? 0;
  const toCart = () => {
    const aside = document.getElementById('cart');
    aside?.scrollIntoView({ block: 'start' });
    aside?.focus({ preventScroll: true });
  };
  const saving = cart.reduce((n, l) => n + savingOf(l.product) * l.qty, 0);

  return (
    <div class="kiosk">
      <header class="kiosk-top">
        <h1>{t('kiosk.title')}</h1>
        <div class="tools">
          <button
            class="link"
            onClick={() => {
              setLang(lang() === 'zh' ? 'en' : 'zh');
              rerender((n) => n + 1);
            }}
          >
            {t('lang.switch')}
          </button>
          <button class="link" onClick={onSignOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" class="kiosk-main">
        <ProduceCorner />
        <section class="browse" aria-label={t('kiosk.browse')}>
          <label class="search">
            <span class="sr-only">{t('kiosk.search')}</span>
            <input type="search" value={q} placeholder={t('kiosk.search')} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
          </label>
          <div class="categories" role="group" aria-label={t('order.category')}>
            <button aria-pressed={!category} onClick={() => setCategory(undefined)}>
              {t('order.allCategories')}
            </button>
            {categories.map((c) => (
              <button key={c} aria-pressed={category === c} onClick={() => setCategory(category === c ? undefined : c)}>
                <CategoryIcon category={c} />
                <span>{t(`category.${c}` as Key)}</span>
              </button>
            ))}
          </div>
          <Notice shown={action.problem} />
          <ul class="products">
            {products.map((p) => (
              <li key={p.sku}>
                <ProductPicture sku={p.sku} category={p.category} />
                <h2>{titleOf(p)}</h2>
                <p class="price">{formatFenShort(p.onlinePriceFen)}</p>
                {savingOf(p) > 0 && <p class="saving">{t('kiosk.saves', { amount: formatFenShort(savingOf(p)) })}</p>}
                {qtyOf(p.sku) > 0 && <p class="in-cart">{t('kiosk.inCart', { n: qtyOf(p.sku) })}</p>}
                <div class="product-actions">
                  {canSpeak() && (
                    <button onClick={() => say(p)}>
                      <SpeakerIcon /> {t('kiosk.read')}
                      <span class="sr-only">：{titleOf(p)}</span>
                    </button>
                  )}
                  <button class="primary" onClick={() => add(p)}>
                    {t('kiosk.add')}
                    <span class="sr-only">：{titleOf(p)}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {loaded && products.length === 0 && !next && (
            <div class="none" role="status">
              <p>{t('kiosk.none')}</p>
              <button class="big" onClick={showAll}>
                {t('kiosk.showAll')}
              </button>
            </div>
          )}
          {next && (
            <button class="big more" disabled={action.busy} onClick={more}>
              {t('kiosk.moreGoods')}
            </button>
          )}
        </section>
        <aside class="cart" id="cart" tabIndex={-1} aria-label={t('kiosk.cart')}>
          <h2>{t('kiosk.cart')}</h2>
          {sent ? (
            <div class="sent" role="status">
              <p>{t('kiosk.sent')}</p>
              <p class="cart-no">{sent.cartNo}</p>
              <button class="big" onClick={() => setSent(undefined)}>
                {t('kiosk.newCart')}
              </button>
            </div>
          ) : (
            <>
              <ul>
                {cart.map((l) => (
                  <li key={l.product.sku}>
                    <span>{titleOf(l.product)}</span>
                    <span class="qty">
                      <button onClick={() => change(l.product.sku, -1)} aria-label={t('kiosk.less', { name: titleOf(l.product) })}>
                        −
                      </button>
                      <output aria-live="polite">{l.qty}</output>
                      <button onClick={() => change(l.product.sku, 1)} aria-label={t('kiosk.more', { name: titleOf(l.product) })}>
                        +
                      </button>
                    </span>
                  </li>
                ))}
              </ul>
              {cart.length === 0 && <p class="empty">{t('kiosk.empty')}</p>}
              <p class="total">
                {t('order.total')} <strong>{formatFenShort(total)}</strong>
              </p>
              {saving > 0 && <p class="saving">{t('kiosk.saves', { amount: formatFenShort(saving) })}</p>}
              <Notice shown={send.problem} />
              <button
                class="big primary"
                disabled={cart.length === 0 || send.busy}
                onClick={() =>
                  void send.run(async () => {
                    const created = await api<{ cartNo: string }>('POST', `/v1/stations/${session.stationId}/carts`, {
                      key: cartKey,
                      body: { lines: cart.map((l) => ({ sku: l.product.sku, qty: l.qty })) },
                    });
                    setSent({ cartNo: created.cartNo });
                    setAdded(undefined);
                    setCart([]);
                    setCartKey(crypto.randomUUID());
                    // Digits, read one by one (a cart number is digits only, so it is never read as letters).
                    speak(`${t('kiosk.sent')} ${created.cartNo.split('').join(' ')}`);
                  })
                }
              >
                {t('kiosk.sendToPartner')}
              </button>
            </>
          )}
        </aside>
      </main>
      {/* A phone-sized screen: the cart is far below the goods, so what it holds, and what was just added, stay in sight. */}
      <div class="cart-bar" role="status" aria-live="polite">
        <p>
          {added ? <strong key={added.at}>{t('kiosk.added', { name: added.name })}</strong> : null}
          <span>{t('kiosk.cartBar', { n: count, amount: formatFenShort(total) })}</span>
        </p>
        <button class="primary" onClick={toCart} disabled={count === 0 && !sent}>
          {t('kiosk.toCart')}
        </button>
      </div>
    </div>
  );
}

function App() {
  const [session, setSession] = useState<Session | undefined>(() => loadSession(app));
  if (!session || session.role !== 'kiosk') {
    return (
      <SignIn
        role="kiosk"
        onSession={(s) => {
          saveSession(app, s);
          setSession(s);
        }}
      />
    );
  }
  return (
    <Kiosk
      session={session}
      onSignOut={() => {
        signOut(app);
        void forgetData();
        setSession(undefined);
      }}
    />
  );
}

document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
registerServiceWorker();
const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
