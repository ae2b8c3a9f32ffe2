import { beforeAll, describe, expect, test } from 'vitest';
import { routeTable } from '#functions/registry.ts';
import type { Role } from '#domain/access.ts';
import { routeKey, type RouteSpec } from '#http/route.ts';
import { useApi } from '../support/api.ts';
import { examples, fillPath, tokenFor } from '../support/examples.ts';
import { buildFixture, type Fixture } from '../support/fixture.ts';
import { tableSnapshot } from '../support/table.ts';

const api = useApi();
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture(api);
});

const qs = (query?: Record<string, string>) => (query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
const allows = (spec: RouteSpec, role: Role) => spec.access !== 'public' && spec.access.includes(role);

async function callAs(spec: RouteSpec, token: string | undefined) {
  const example = await examples[spec.operationId]!(f, api);
  return api.call(spec.method, fillPath(spec.path, example.params) + qs(example.query), {
    token,
    body: example.body,
    key: spec.idempotent ? true : undefined,
  });
}

/** Nothing of station A may show in an answer to someone of station B. */
function leaksStationA(body: unknown): boolean {
  const text = JSON.stringify(body ?? '');
  return [f.stationA, f.villageA, f.villagerA].some((id) => text.includes(id));
}

const guarded = routeTable.filter((r) => r.access !== 'public');

describe.each(guarded.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('without a token: 401, nothing written', async () => {
    const before = await tableSnapshot();
    const answer = await callAs(spec, undefined);
    expect(answer.status).toBe(401);
    expect(await tableSnapshot()).toBe(before);
  });

  test('roles outside the route: 403, nothing written', async () => {
    const before = await tableSnapshot();
    for (const role of (['ops', 'partner', 'kiosk'] as const).filter((r) => !allows(spec, r))) {
      const answer = await callAs(spec, tokenFor(f, role, 'A'));
      expect(answer.status, role).toBe(403);
    }
    expect(await tableSnapshot()).toBe(before);
  });
});

const stationData = guarded.filter((r) => r.tenancy !== 'none');

describe.each(stationData.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('a partner or kiosk of another station: 404 (403 where the role may not call at all), nothing leaked or written', async () => {
    const before = await tableSnapshot();
    for (const role of ['partner', 'kiosk'] as const) {
      const answer = await callAs(spec, tokenFor(f, role, 'B'));
      expect(answer.status, `${role}: ${JSON.stringify(answer.body)}`).toBe(allows(spec, role) ? 404 : 403);
      expect(leaksStationA(answer.body)).toBe(false);
    }
    expect(await tableSnapshot()).toBe(before);
  });
});

test('the kiosk may call nothing that moves money', () => {
  const moneyRoutes = routeTable.filter((r) => r.movesMoney);
  for (const spec of moneyRoutes) expect(allows(spec, 'kiosk'), routeKey(spec)).toBe(false);
});

test('a station-agnostic route a partner may call shows the same to every station (the shared catalogue)', async () => {
  // GET /v1/auth/me answers who the caller is: the same route, rightly a different answer per caller.
  const shared = guarded.filter((r) => r.tenancy === 'none' && allows(r, 'partner') && r.method === 'GET' && r.operationId !== 'getMe');
  for (const spec of shared) {
    const mine = await callAs(spec, f.partnerA);
    const theirs = await callAs(spec, f.partnerB);
    expect(theirs.status, routeKey(spec)).toBe(mine.status);
    expect(theirs.body, routeKey(spec)).toEqual(mine.body);
  }
});
