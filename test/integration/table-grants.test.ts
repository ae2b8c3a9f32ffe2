import { afterAll, beforeAll, expect, test } from 'vitest';
import { routeTable } from '#functions/registry.ts';
import { routeKey } from '#http/route.ts';
import { type ContextName as FunctionName } from '#functions/registry.ts';
import { grantAllows, tableGrants, type TableAction } from '#infra/table-grants.ts';
import { createRouter } from '#scripts/local/router.ts';
import { useApi, type TestApi } from '../support/api.ts';
import { accounts } from '../support/bills.ts';
import { examples, fillPath, tokenFor } from '../support/examples.ts';
import { buildFixture, type Fixture } from '../support/fixture.ts';
import { intercept } from '../support/sdk.ts';

/**
 * docs/quality.md "Least privilege and cdk-nag": each function's table access
 * is scoped to the keys it owns. The grants are IAM conditions
 * (infra/table-grants.ts → the template); here every DynamoDB call each route
 * really makes is checked against its function's grant, so a grant too narrow
 * for the code fails here rather than in AWS.
 */
interface Call {
  fn: FunctionName;
  route: string;
  action: TableAction | 'dynamodb:Scan';
  partition: string;
  index?: string;
}

const api = useApi();
const calls: Call[] = [];
let current: { fn: FunctionName; route: string } | undefined;
const match = createRouter(routeTable);

/** The api, with every call attributed to the route (and so the function) it reaches. */
const recording: TestApi = {
  ...api,
  get url() {
    return api.url;
  },
  async call(method, path, options) {
    const found = match(method, path.split('?')[0]!);
    current = found ? { fn: found.spec.fn, route: routeKey(found.spec) } : undefined;
    try {
      return await api.call(method, path, options);
    } finally {
      current = undefined;
    }
  },
  token: api.token,
};

/** A string attribute, marshalled ({ S: "…" }) or not. */
const text = (value: unknown) => String(value && typeof value === 'object' && 'S' in value ? (value as { S: unknown }).S : value);
const pkOf = (key: unknown) => text((key as { pk?: unknown })?.pk);

function record(command: string, input: Record<string, any>) {
  if (!current) return;
  const at = (action: Call['action'], partition: string, index?: string) => calls.push({ ...current!, action, partition, ...(index ? { index } : {}) });
  switch (command.replace(/Command$/, '').replace(/^(Get|Put|Update|Delete)$/, '$1Item')) {
    case 'GetItem':
      return at('dynamodb:GetItem', pkOf(input.Key));
    case 'PutItem':
      return at('dynamodb:PutItem', pkOf(input.Item));
    case 'UpdateItem':
      return at('dynamodb:UpdateItem', pkOf(input.Key));
    case 'DeleteItem':
      return at('dynamodb:DeleteItem', pkOf(input.Key));
    case 'Query':
      return at('dynamodb:Query', text(input.ExpressionAttributeValues?.[':pk']), input.IndexName);
    case 'BatchGet':
    case 'BatchGetItem':
      for (const request of Object.values(input.RequestItems as Record<string, { Keys: unknown[] }>))
        for (const key of request.Keys) at('dynamodb:BatchGetItem', pkOf(key));
      return;
    case 'TransactWrite':
    case 'TransactWriteItems':
      for (const item of input.TransactItems as Record<string, { Key?: unknown; Item?: unknown }>[]) {
        if (item.Put) at('dynamodb:PutItem', pkOf(item.Put.Item));
        if (item.Update) at('dynamodb:UpdateItem', pkOf(item.Update.Key));
        if (item.ConditionCheck) at('dynamodb:ConditionCheckItem', pkOf(item.ConditionCheck.Key));
        if (item.Delete) at('dynamodb:DeleteItem', pkOf(item.Delete.Key));
      }
      return;
    default:
      return at('dynamodb:Scan', command);
  }
}

let f: Fixture;
beforeAll(async () => {
  intercept(async (name, input, send) => {
    record(name, input);
    return send();
  });
  f = await buildFixture(recording);
  // Every route, as its rightful caller, with its example.
  for (const spec of routeTable) {
    const example = await examples[spec.operationId]!(f, recording);
    const qs = example.query ? `?${new URLSearchParams(example.query)}` : '';
    await recording.call(spec.method, fillPath(spec.path, example.params) + qs, {
      token: tokenFor(f, example.role),
      body: example.body,
      key: spec.idempotent ? true : undefined,
    });
  }
  // And an erasure that reaches a bill payment (the examples' villager paid none before it was erased).
  const partner = tokenFor(f, 'partner');
  const register = await examples.registerVillager!(f, recording);
  const villager = await recording.call('POST', `/v1/stations/${f.stationA}/villagers`, { token: partner, key: true, body: register.body });
  const pay = await recording.call('POST', `/v1/stations/${f.stationA}/bill-payments`, {
    token: partner,
    key: true,
    body: { ...accounts.phone, amountFen: 1_000, villagerId: villager.body.villagerId },
  });
  const erased = await recording.call('DELETE', `/v1/stations/${f.stationA}/villagers/${villager.body.villagerId}`, { token: partner, key: true });
  expect([villager.status, pay.status, erased.status]).toEqual([201, 201, 204]);
});
afterAll(() => intercept(undefined));

test('every route was called and made its calls', () => {
  const fns = new Set(calls.map((c) => c.fn));
  for (const fn of ['readiness', 'network', 'catalog', 'orders', 'cash', 'delivery', 'produce', 'aftersales'] as const) expect(fns, fn).toContain(fn);
  expect(calls.length).toBeGreaterThan(100);
});

test("every DynamoDB call a route makes is within its function's grant (action, and partition of the table or index)", () => {
  const outside = calls.filter((c) => c.action === 'dynamodb:Scan' || !grantAllows(tableGrants[c.fn], c.action, c.partition, c.index));
  expect(outside.map((c) => `${c.route} (${c.fn}): ${c.action} ${c.index ? `index ${c.index} ` : ''}${c.partition}`)).toEqual([]);
});

test("a villager's erasure masks the bill payments that named them: an Update of BILLPAY# items, and nothing else of bills", () => {
  const erasure = calls.filter((c) => c.route === 'DELETE /v1/stations/{stationId}/villagers/{villagerId}');
  expect(erasure.filter((c) => c.partition.startsWith('BILLPAY#')).map((c) => c.action)).toContain('dynamodb:UpdateItem');
  expect(grantAllows(tableGrants.network, 'dynamodb:UpdateItem', 'BILLPAY#bp_x')).toBe(true);
  expect(grantAllows(tableGrants.network, 'dynamodb:PutItem', 'BILLPAY#bp_x')).toBe(false);
  expect(grantAllows(tableGrants.network, 'dynamodb:GetItem', 'BILLPAY#bp_x')).toBe(false);
  expect(grantAllows(tableGrants.network, 'dynamodb:UpdateItem', 'BILLS#PENDING')).toBe(false);
});

test('the platform function never touches the table, and the catalogue never touches a station', () => {
  expect(calls.filter((c) => c.fn === 'platform')).toEqual([]);
  expect(grantAllows(tableGrants.catalog, 'dynamodb:UpdateItem', 'STATION#st_x')).toBe(false);
  expect(grantAllows(tableGrants.catalog, 'dynamodb:PutItem', 'STATION#st_x')).toBe(false);
  // The network function updates no one's cash: it may update what an erasure blanks out (it could put a station's items already),
  // and nothing of products, remittances or lots.
  expect(grantAllows(tableGrants.network, 'dynamodb:UpdateItem', 'PRODUCT#x')).toBe(false);
  expect(grantAllows(tableGrants.network, 'dynamodb:UpdateItem', 'REMITTANCE#x')).toBe(false);
  expect(grantAllows(tableGrants.network, 'dynamodb:PutItem', 'ORDER#x')).toBe(false);
});
