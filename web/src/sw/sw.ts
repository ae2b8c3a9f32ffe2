/**
 * The service worker: small and hand-written (about 1 KB minified; Workbox's
 * runtime would be several times that for the same three rules).
 * - The app (HTML, scripts, styles, manifest, icons): precached at install,
 *   under a version that changes with any file's content; served from the
 *   cache, so the form opens in a dead zone.
 * - The data the pages read (GET /v1/…, /config.json): network first; a copy of
 *   every good answer is kept; without a network (or after 4 s of nothing) the
 *   copy is served, marked `x-cached-at` so the page can say how old it is.
 * - Commands (POST…) are never touched: the page's intent queue holds them.
 */
declare const PRECACHE: string[];
declare const VERSION: string;
/** The caches' names: the partner's app and the console each keep their own (scripts/build-web.ts). */
declare const APP_CACHE: string;
declare const DATA_CACHE: string;

// The few service-worker types used (the project's lib is the DOM's, which a worker's would clash with).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface Scope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
const sw = self as unknown as Scope;

const app = `${APP_CACHE}${VERSION}`;
const data = DATA_CACHE;
const patience = 4_000;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(app)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(APP_CACHE) && n !== app).map((n) => caches.delete(n))))
      .then(() => sw.clients.claim()),
  );
});

const isData = (url: URL) => url.pathname.startsWith('/v1/') || (url.origin === sw.location.origin && url.pathname === '/config.json');

async function fromNetworkElseCopy(request: Request): Promise<Response> {
  const cache = await caches.open(data);
  const network = fetch(request).then(async (response) => {
    if (response.ok) {
      const headers = new Headers(response.headers);
      headers.set('x-cached-at', String(Date.now()));
      await cache.put(request.url, new Response(await response.clone().blob(), { status: response.status, statusText: response.statusText, headers }));
    }
    return response;
  });
  const late = new Promise<undefined>((resolve) => setTimeout(resolve, patience, undefined));
  try {
    const first = await Promise.race([network, late]);
    if (first) return first;
  } catch {
    // No network: the copy below.
  }
  const copy = await cache.match(request.url);
  return copy ?? network;
}

async function fromApp(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(app);
  // A page's address, with or without its index.html or a query, is the page.
  const path = url.pathname.endsWith('/index.html') ? url.pathname.slice(0, -'index.html'.length) : url.pathname;
  return (await cache.match(path)) ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (isData(url)) return event.respondWith(fromNetworkElseCopy(request));
  if (url.origin !== sw.location.origin) return;
  const path = url.pathname.endsWith('/index.html') ? url.pathname.slice(0, -'index.html'.length) : url.pathname;
  if (PRECACHE.includes(path)) event.respondWith(fromApp(request, url));
});
