/** Where the API is and how to sign in: `/config.json`, written by CDK in AWS and by the local server locally. */
export interface PageConfig {
  auth: 'local' | 'cognito';
  apiUrl: string;
  region?: string;
  userPoolClientId?: string;
}

let loaded: Promise<PageConfig> | undefined;

export function pageConfig(): Promise<PageConfig> {
  loaded ??= fetch('/config.json', { cache: 'no-store' })
    .then((r) => (r.ok ? (r.json() as Promise<Partial<PageConfig>>) : {}))
    .catch((): Partial<PageConfig> => ({}))
    .then((c: Partial<PageConfig>) => ({ ...c, auth: c.auth ?? (c.userPoolClientId ? 'cognito' : 'local'), apiUrl: (c.apiUrl ?? '').replace(/\/$/, '') }));
  return loaded;
}
