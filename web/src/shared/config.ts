/** Where the API is and how to sign in: `/config.json`, written by CDK in AWS and by the local server locally. */
export interface PageConfig {
  /** 'local': the demo accounts are offered too (POST /local/token); 'phone': only the phone and its SMS code. */
  auth: 'local' | 'phone';
  apiUrl: string;
}

let loaded: Promise<PageConfig> | undefined;

export function pageConfig(): Promise<PageConfig> {
  loaded ??= fetch('/config.json', { cache: 'no-store' })
    .then((r) => (r.ok ? (r.json() as Promise<Partial<PageConfig>>) : {}))
    .catch((): Partial<PageConfig> => ({}))
    .then((c: Partial<PageConfig>) => ({ ...c, auth: c.auth ?? 'local', apiUrl: (c.apiUrl ?? '').replace(/\/$/, '') }));
  return loaded;
}
