/**
 * The pages open without a network: a service worker (web/src/sw/sw.ts) keeps
 * the app and the data last read (the partner form and the kiosk one at `/sw.js`,
 * the console its own at `/ops/sw.js`). Here the page registers it, and forgets
 * the data when the partner or operator signs out.
 */
export function registerServiceWorker(script = '/sw.js', scope = '/'): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  // After the page has loaded: installing fetches the whole app once, and should not compete with the first paint.
  const register = () => void navigator.serviceWorker.register(script, { scope }).catch(() => undefined);
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}

/** The data cache only (the console keeps its own): the app itself stays, so the sign-in page still opens offline. */
export async function forgetData(cache = 'data'): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(cache);
}
