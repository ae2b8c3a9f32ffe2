import { db } from '#store/db.ts';
import { benchStation, type LocalStack } from './local-stack.ts';

/**
 * On-demand list prices used for the estimate (AWS us-east-1, USD, as published
 * for 2025–26), turned into yuan at `cnyPerUsd`. China regions (cn-north-1,
 * cn-northwest-1) publish their own prices in yuan: put them here to re-price.
 */
export const prices = {
  region: 'us-east-1 list prices, converted at 7.10 CNY/USD',
  cnyPerUsd: 7.1,
  usdPerMillionWriteUnits: 0.625,
  usdPerMillionReadUnits: 0.125,
  usdPerGbSecondArm: 0.0000133334,
  usdPerMillionLambdaRequests: 0.2,
  usdPerMillionHttpApiRequests: 1.0,
  functionMemoryGb: 1,
} as const;

export interface LifeCost {
  life: string;
  requests: number;
  readUnits: number;
  writeUnits: number;
  /** Sum of the requests' wall times through the local server, an upper bound for the billed Lambda duration. */
  handlerMs: number;
  yuanPer1000: number;
}

export interface CostResults {
  prices: typeof prices;
  lives: LifeCost[];
  province: { stations: number; ordersPerStationPerMonth: number; yuanPerMonth: number };
}

let installed = false;
let meter: { read: number; write: number } | undefined;

/** Asks DynamoDB for the consumed capacity of every call the handlers make, and adds it up. */
function installMeter() {
  if (installed) return;
  installed = true;
  const stack = db().middlewareStack;
  stack.add(
    (next, context) => async (args) => {
      if (!meter) return next(args);
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = [consumed ?? []].flat().reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      if (/^(TransactWrite|Put|Update|Delete|BatchWrite)/.test(String(context.commandName))) meter.write += units;
      else meter.read += units;
      return out;
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
}

function priced(life: string, requests: number, readUnits: number, writeUnits: number, handlerMs: number): LifeCost {
  const usd =
    (writeUnits * prices.usdPerMillionWriteUnits + readUnits * prices.usdPerMillionReadUnits) / 1e6 +
    (handlerMs / 1000) * prices.functionMemoryGb * prices.usdPerGbSecondArm +
    (requests * (prices.usdPerMillionLambdaRequests + prices.usdPerMillionHttpApiRequests)) / 1e6;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { life, requests, readUnits: r(readUnits), writeUnits: r(writeUnits), handlerMs: r(handlerMs), yuanPer1000: r(usd * 1000 * prices.cnyPerUsd) };
}

/** docs/quality.md "Cost": the DynamoDB units and Lambda time of an order's whole life, in yuan per 1,000 orders and per month for a province. */
export async function measureCost(stack: LocalStack, lives = 20): Promise<CostResults> {
  installMeter();
  const s = await benchStation(stack, 'cost');
  const { partner, stationId, villagerId, sku } = s;
  const call = async (totals: { requests: number; ms: number }, method: string, path: string, body?: unknown) => {
    const t = performance.now();
    const out = await stack.call(method, path, partner, body);
    totals.ms += performance.now() - t;
    totals.requests++;
    return out;
  };
  const measure = async (life: string, run: (totals: { requests: number; ms: number }) => Promise<void>) => {
    const totals = { requests: 0, ms: 0 };
    meter = { read: 0, write: 0 };
    for (let i = 0; i < lives; i++) await run(totals);
    const m = meter;
    meter = undefined;
    return priced(life, totals.requests / lives, m.read / lives, m.write / lives, totals.ms / lives);
  };

  const atStation = await measure('place, pay, arrive, hand over at the station', async (t) => {
    const order = await call(t, 'POST', `/v1/stations/${stationId}/orders`, {
      villagerId,
      lines: [{ sku, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    await call(t, 'POST', `/v1/orders/${order.orderId}/payments`, { amountFen: 100_000 });
    await call(t, 'POST', `/v1/orders/${order.orderId}/arrive`);
    await call(t, 'POST', `/v1/orders/${order.orderId}/pickup`, { deliveryCode: order.deliveryCode, cashCollectedFen: order.totalFen - 100_000 });
  });
  let day = 0;
  const delivered = await measure('cash on delivery, delivered on a run (its share of the run)', async (t) => {
    const order = await call(t, 'POST', `/v1/stations/${stationId}/orders`, {
      villagerId,
      lines: [{ sku, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'HOME_DELIVERY',
    });
    await call(t, 'POST', `/v1/orders/${order.orderId}/arrive`);
    day++;
    const run = await call(t, 'POST', `/v1/stations/${stationId}/delivery-runs`, { date: `2027-01-${String(day).padStart(2, '0')}`, capacityKg: 150 });
    await call(t, 'POST', `/v1/delivery-runs/${run.runId}/start`);
    const stop = run.trips[0].stops[0];
    await call(t, 'POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, {
      deliveries: [{ orderId: order.orderId, outcome: 'DELIVERED', deliveryCode: order.deliveryCode, cashCollectedFen: order.outstandingFen }],
    });
  });
  const province = { stations: 3_000, ordersPerStationPerMonth: 1_000 };
  const perOrder = Math.max(atStation.yuanPer1000, delivered.yuanPer1000) / 1000;
  return {
    prices,
    lives: [atStation, delivered],
    province: { ...province, yuanPerMonth: Math.round(perOrder * province.stations * province.ordersPerStationPerMonth) },
  };
}
