import { beforeAll, describe, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { accounts, billCalls, ensureBillers } from '../support/bills.ts';
import { expectOk } from '../support/fixture.ts';
import { expectProblem, freshStation, partnerCalls, type Day } from '../support/station-day.ts';

/** docs/rules.md "The risk view", through the API: each signal counted where it happens, summed over 30 days per station. */
const api = useApi();
let day: Day;
let quiet: Day;
beforeAll(async () => {
  await ensureBillers(api);
  [day, quiet] = await Promise.all([freshStation(api), freshStation(api)]);
});

const riskOf = async (stationId: string) => {
  const view = await expectOk(api.call('GET', '/v1/risk?limit=100', { token: day.ops }));
  return { view, mine: view.items.find((s: { stationId: string }) => s.stationId === stationId) };
};
const countsOf = (mine: { signals: { signal: string; count: number }[] } | undefined) =>
  Object.fromEntries((mine?.signals ?? []).map((s) => [s.signal, s.count]));

describe('the risk view', () => {
  test('reprints, wrong codes, codes the partner read, a return asked for, a small top-up and a count that did not match: each counted with its reason', async () => {
    const p = partnerCalls(api, day);
    // A villager without a phone: the code is printed for the partner (one), and again at a reprint (two, and one reprint).
    const villagerId = await day.villager('没手机');
    const placed = await expectOk(
      p.place({ villagerId, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 390_000 }),
      201,
    );
    const reprinted = await expectOk(api.call('POST', `/v1/orders/${placed.orderId}/receipt`, { token: day.partner, key: true }));
    await expectOk(p.arrive(placed.orderId));
    // Two wrong codes, then the right one.
    const wrong = reprinted.deliveryCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 2; i++) expectProblem(await p.pickUp(placed.orderId, wrong), 422, 'wrong-delivery-code');
    await expectOk(p.pickUp(placed.orderId, reprinted.deliveryCode));
    // A return asked for under a claim.
    const claim = await expectOk(
      api.call('POST', `/v1/orders/${placed.orderId}/claims`, { token: day.partner, key: true, body: { sku: day.sku.ac, qty: 1, problem: '不制冷' } }),
      201,
    );
    await expectOk(api.call('POST', `/v1/claims/${claim.claimId}/resolve`, { token: day.partner, key: true, body: { remedy: 'RETURN' } }));
    // A ¥10 top-up (the least CMCC takes), and one of ¥50 that is not small.
    const bills = billCalls(api, day);
    expect((await bills.pay({ ...accounts.phone, amountFen: 1_000 })).status).toBe(201);
    expect((await bills.pay({ ...accounts.phone, amountFen: 5_000 })).status).toBe(201);
    // A count one yuan short.
    const cash = await p.cash();
    await expectOk(p.count(cash.drawerFen - 100, '少了一块'), 201);

    const { view, mine } = await riskOf(day.stationId);
    expect(countsOf(mine)).toEqual({ reprints: 1, wrongCodes: 2, codesShownToPartner: 2, exchangesAndReturns: 1, smallTopUps: 1, countsWithVariance: 1 });
    expect(mine).toMatchObject({ total: 8, stationName: day.station.name, county: day.station.county });
    // Each count says why it is worth a look, in the caller's language.
    for (const s of mine.signals) expect(s.reason).toMatch(/^[A-Z][a-z]/);
    // A station with nothing to look at is not listed; the window is 30 Shanghai days, today the last.
    expect(view.items.find((s: { stationId: string }) => s.stationId === quiet.stationId)).toBeUndefined();
    expect((Date.parse(view.to) - Date.parse(view.from)) / 86_400_000).toBe(29);
    expect(view.cutShort).toBe(false);
    const chinese = await expectOk(api.call('GET', '/v1/risk', { token: day.ops, headers: { 'accept-language': 'zh-CN' } }));
    const reasons = chinese.items.find((s: { stationId: string }) => s.stationId === day.stationId).signals.map((s: { reason: string }) => s.reason);
    expect(reasons).toHaveLength(6);
    for (const reason of reasons) expect(reason).toMatch(/^[\u4e00-\u9fff¥]/);
  });

  test('a replayed command counts once; a partner cannot read the view', async () => {
    const p = partnerCalls(api, quiet);
    const villagerId = await quiet.villager('也没手机');
    const key = crypto.randomUUID();
    const body = { villagerId, lines: [{ sku: quiet.sku.rice, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' };
    await expectOk(p.place(body, key), 201);
    await expectOk(p.place(body, key), 201);
    expect(countsOf((await riskOf(quiet.stationId)).mine)).toEqual({ codesShownToPartner: 1 });
    expect((await api.call('GET', '/v1/risk', { token: quiet.partner })).status).toBe(403);
  });
});
