import { beforeAll, describe, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { expectOk, unique } from '../support/fixture.ts';
import { expectProblem, freshStation, type Day } from '../support/station-day.ts';
import { tableSnapshot } from '../support/table.ts';

/**
 * Input an attacker (or a broken client) sends on purpose: answers that must
 * stay small, text that must stay text. Every route meets the same shapes in
 * the fuzz harness (test/integration/fuzz-every-route.test.ts); these are the
 * cases found by hand, named.
 */
const api = useApi();
let day: Day;
beforeAll(async () => {
  day = await freshStation(api);
});

/** The most any answer may weigh: far under Lambda's 6 MB response limit. */
const answerLimit = 1024 * 1024;

describe('error answers stay small whatever was sent', () => {
  test('a kiosk cart of 80,000 keys: 400 naming the first 50 wrong fields and counting the rest, under 1 MB', async () => {
    const kiosk = await api.token('kiosk', day.stationId);
    const body: Record<string, unknown> = { lines: [{ sku: day.sku.rice, qty: 1 }] };
    for (let i = 0; i < 80_000; i++) body[`k${i}`] = 0;
    const before = await tableSnapshot();
    const answer = await api.call('POST', `/v1/stations/${day.stationId}/carts`, { token: kiosk, key: true, body });
    expectProblem(answer, 400, 'invalid-input');
    expect(answer.bytes).toBeLessThan(answerLimit);
    expect(answer.body.errors).toHaveLength(50);
    expect(answer.body.errors[0]).toMatchObject({ path: 'body.k0', code: 'notAccepted' });
    expect(answer.body.errorsOmitted).toBe(80_000 - 50);
    expect(answer.body.detail).toMatch(/79,950 more/);
    expect(await tableSnapshot()).toBe(before);
  });

  test('a CSV import of 4,999 bad lines: 400 under 1 MB, the first 50 wrong cells named and the rest counted; nothing written', async () => {
    const header = 'sku,title,titleEn,category,onlinePriceYuan,localStorePriceYuan,merchantCostYuan,weightGrams,needsInstallation,returnWindowDays';
    const bad = Array.from({ length: 4_999 }, (_, i) => `bad sku ${i},,,nowhere,x,y,z,-1,maybe,-3`);
    const before = await tableSnapshot();
    const answer = await api.call('POST', '/v1/products/import', { token: day.ops, key: true, body: { csv: [header, ...bad].join('\n'), dryRun: true } });
    expectProblem(answer, 400, 'invalid-input');
    expect(answer.bytes).toBeLessThan(answerLimit);
    expect(answer.body.errors).toHaveLength(50);
    expect(answer.body.errors[0].path).toBe('body.csv.2.sku');
    expect(answer.body.errorsOmitted).toBeGreaterThan(4_999 * 5);
    expect(await tableSnapshot()).toBe(before);
  });

  test('field paths and messages are cut to a readable length: a 10,000-character key is named by its start', async () => {
    const answer = await api.call('PUT', `/v1/products/${unique('LONG-').toUpperCase()}`, { token: day.ops, body: { ['x'.repeat(10_000)]: 1 } });
    expectProblem(answer, 400, 'invalid-input');
    expect(answer.bytes).toBeLessThan(20_000);
    for (const e of answer.body.errors) expect(e.path.length).toBeLessThanOrEqual(200);
  });

  test('a good request still answers in full', async () => {
    await expectOk(api.call('GET', '/v1/billers', { token: day.ops }));
  });
});
