import { randomUUID } from 'node:crypto';
import { issueToken } from '#scripts/local/tokens.ts';
import { demoId } from '#scripts/local/demo-data.ts';

export const demo = {
  station: demoId('station', 1),
  villager: demoId('villager', 101),
  sku: 'AC-MIDEA-2P',
  rice: 'RICE-WCH-10',
};

/** Straight calls to the site's API, to set things up and to check what the pages did. */
export function siteApi(url: () => string, role: 'partner' | 'ops' = 'partner') {
  const token = () => issueToken(role === 'ops' ? { role, sub: 'e2e-operator' } : { role, stationId: demo.station, sub: 'e2e-checker' });
  return async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(url() + path, {
      method,
      headers: {
        authorization: `Bearer ${await token()}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? { 'idempotency-key': randomUUID() } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (res.status === 204 ? undefined : await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}
