import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#store/db.ts';
import { benchStation, type LocalStack } from './local-stack.ts';
import { countCalls } from './sdk-calls.ts';

export interface RoundTrips {
  command: string;
  reads: number;
  writes: number;
  calls: string[];
  /** Calls to the bill gateway, in order (bill payments only). */
  gatewayCalls?: string[];
}

/** docs/quality.md "Round trips per command": each money command is one TransactWriteItems plus the reads it needs. */
export async function measureRoundTrips(stack: LocalStack): Promise<RoundTrips[]> {
  const s = await benchStation(stack, 'round-trips');
  const { partner, stationId } = s;
  const out: RoundTrips[] = [];
  const measure = async <T>(command: string, run: () => Promise<T>) => {
    const { result, calls } = await countCalls(run);
    const writes = calls.filter((c) => /^(TransactWrite|Put|Update|Delete|BatchWrite)/.test(c)).length;
    out.push({ command, reads: calls.length - writes, writes, calls });
    return result;
  };
  const order = await measure('place order', () =>
    stack.call('POST', `/v1/stations/${stationId}/orders`, partner, {
      villagerId: s.villagerId,
      lines: [{ sku: s.sku, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 100_000,
    }),
  );
  await measure('payment', () => stack.call('POST', `/v1/orders/${order.orderId}/payments`, partner, { amountFen: 90_000 }));
  await stack.call('POST', `/v1/orders/${order.orderId}/arrive`, partner);
  await measure('hand-over (pick-up)', () =>
    stack.call('POST', `/v1/orders/${order.orderId}/pickup`, partner, { deliveryCode: order.deliveryCode, cashCollectedFen: 200_000 }),
  );
  await measure('return', () => stack.call('POST', `/v1/orders/${order.orderId}/returns`, partner, { lines: [{ sku: s.sku, qty: 1 }], reason: 'bench' }));
  await stack.call('POST', `/v1/stations/${stationId}/orders`, partner, {
    villagerId: s.villagerId,
    lines: [{ sku: s.sku, qty: 1 }],
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: 390_000,
  });
  const remitted = await measure('remittance', () =>
    stack.call('POST', `/v1/stations/${stationId}/remittances`, partner, { amountFen: 1_000, reference: 'BENCH' }),
  );
  await measure('remittance confirmed (ops)', () => stack.call('POST', `/v1/remittances/${remitted.remittanceId}/confirm`, s.ops));
  const second = await stack.call('POST', `/v1/stations/${stationId}/remittances`, partner, { amountFen: 1_000, reference: 'BENCH-2' });
  await measure('remittance rejected (ops)', () => stack.call('POST', `/v1/remittances/${second.remittanceId}/reject`, s.ops, { reason: 'bench' }));
  await measure('cash count', () => stack.call('POST', `/v1/stations/${stationId}/cash-counts`, partner, { countedFen: 389_000 }));
  // A villager not yet served this month: the stop's hand-over also writes the month's "served" marker in its one transaction.
  const station = await stack.call('GET', `/v1/stations/${stationId}`, partner);
  const neighbour = await stack.call('POST', `/v1/stations/${stationId}/villagers`, partner, {
    name: '邻居',
    villageId: station.villages[0].villageId,
    consent: true,
  });
  const parcel = await stack.call('POST', `/v1/stations/${stationId}/orders`, partner, {
    villagerId: neighbour.villagerId,
    lines: [{ sku: s.sku, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'HOME_DELIVERY',
  });
  await stack.call('POST', `/v1/orders/${parcel.orderId}/arrive`, partner);
  const run = await stack.call('POST', `/v1/stations/${stationId}/delivery-runs`, partner, { date: '2026-12-24', capacityKg: 150 });
  await stack.call('POST', `/v1/delivery-runs/${run.runId}/start`, partner);
  const stop = run.trips[0].stops[0];
  await measure('delivery stop (one parcel)', () =>
    stack.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, partner, {
      deliveries: [{ orderId: parcel.orderId, outcome: 'DELIVERED', deliveryCode: parcel.deliveryCode, cashCollectedFen: parcel.outstandingFen }],
    }),
  );
  // A bill payment: its DynamoDB calls, and the calls it makes to the (stand-in) bill gateway.
  await stack.call('PUT', '/v1/billers/SGCC', s.ops, { name: '国网电力', kind: 'POWER', amountRule: 'EXACT', customerFeeFen: 0, stationCommissionFen: 100 });
  const logged = stack.gateway.state.log.length;
  const paid = await measure('bill payment (PAID)', () =>
    stack.call('POST', `/v1/stations/${stationId}/bill-payments`, partner, { billerCode: 'SGCC', accountNo: '3300000001', amountFen: 12_345 }),
  );
  if (paid.status !== 'PAID') throw new Error(`the bench's bill payment is ${paid.status}`);
  out.at(-1)!.gatewayCalls = stack.gateway.state.log.slice(logged);
  // Produce: a ticket paid now, one on credit, the credit paid out and spent on an order, the lot dispatched.
  const code = `BENCH-NUT-${Date.now().toString(36).toUpperCase()}`;
  await stack.call('PUT', `/v1/produce/${code}`, s.ops, { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 1_200 }], feeFenPerKg: 50 });
  const weigh = (payout: string) =>
    stack.call('POST', `/v1/stations/${stationId}/weigh-tickets`, partner, { villagerId: s.villagerId, code, grade: 'A', grossGrams: 2_000, payout });
  const ticket = await measure('weigh ticket (cash now)', () => weigh('CASH_NOW'));
  await measure('weigh ticket (on credit)', () => weigh('CREDIT'));
  await measure('credit payout', () => stack.call('POST', `/v1/stations/${stationId}/villagers/${s.villagerId}/payouts`, partner, { amountFen: 1_000 }));
  const unpaid = await stack.call('POST', `/v1/stations/${stationId}/orders`, partner, {
    villagerId: s.villagerId,
    lines: [{ sku: s.sku, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  await measure('credit payment', () => stack.call('POST', `/v1/orders/${unpaid.orderId}/payments`, partner, { amountFen: 1_000, source: 'CREDIT' }));
  await measure('lot dispatch', () => stack.call('POST', `/v1/produce-lots/${ticket.lotId}/dispatch`, partner));

  // Parcels: scanned in for a villager with a phone, and picked up with the code their SMS carries.
  const phone = '13857800001';
  const withPhone = await stack.call('POST', `/v1/stations/${stationId}/villagers`, partner, {
    name: '赵大山',
    phone,
    villageId: station.villages[0].villageId,
    consent: true,
  });
  const scanned = await measure('parcel scan', () =>
    stack.call('POST', `/v1/stations/${stationId}/parcels`, partner, {
      waybillNo: 'YT0000000001',
      courier: 'YTO',
      recipientPhone: phone,
      recipientName: '赵大山',
    }),
  );
  const pickupCode = await codeFor(scanned.parcelId);
  await measure('parcel pick-up (by code)', () => stack.call('POST', `/v1/parcels/${scanned.parcelId}/pickup`, partner, { pickupCode }));
  // The tab: the villager's consent by a code, the request, an operator's approval, a sale on an order, repayments in cash and by ticket.
  const villager = `/v1/stations/${stationId}/villagers/${withPhone.villagerId}`;
  const consent = await stack.call('POST', `${villager}/confirmations`, partner, { purpose: 'TAB_CONSENT', amountFen: 500_000 });
  const request = await stack.call('POST', `${villager}/tab/requests`, partner, {
    limitFen: 500_000,
    confirmationId: consent.confirmationId,
    code: await codeFor(consent.confirmationId),
  });
  await measure('tab approval (ops)', () => stack.call('POST', `/v1/tab-requests/${request.requestId}/approve`, s.ops, {}));
  const onTab = await stack.call('POST', `/v1/stations/${stationId}/orders`, partner, {
    villagerId: withPhone.villagerId,
    lines: [{ sku: s.sku, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  const dueDate = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  const sale = await stack.call('POST', `${villager}/confirmations`, partner, { purpose: 'TAB_SALE', amountFen: 390_000, dueDate });
  const saleCode = await codeFor(sale.confirmationId);
  await measure('tab sale (an order paid on the tab)', () =>
    stack.call('POST', `/v1/orders/${onTab.orderId}/payments`, partner, {
      amountFen: 390_000,
      source: 'TAB',
      dueDate,
      confirmationId: sale.confirmationId,
      code: saleCode,
    }),
  );
  await measure('tab repayment in cash', () => stack.call('POST', `${villager}/tab/repayments`, partner, { amountFen: 1_000 }));
  await measure('tab repayment by weigh ticket', () =>
    stack.call('POST', `/v1/stations/${stationId}/weigh-tickets`, partner, {
      villagerId: withPhone.villagerId,
      code,
      grade: 'A',
      grossGrams: 2_000,
      payout: 'TAB',
    }),
  );
  // An order sold on the tab and cancelled before it arrives: the tab is read after the order (the order names the villager).
  const toCancel = await stack.call('POST', `/v1/stations/${stationId}/orders`, partner, {
    villagerId: withPhone.villagerId,
    lines: [{ sku: s.sku, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  const again = await stack.call('POST', `${villager}/confirmations`, partner, { purpose: 'TAB_SALE', amountFen: 10_000, dueDate });
  await stack.call('POST', `/v1/orders/${toCancel.orderId}/payments`, partner, {
    amountFen: 10_000,
    source: 'TAB',
    dueDate,
    confirmationId: again.confirmationId,
    code: await codeFor(again.confirmationId),
  });
  await measure('cancellation of an order sold on the tab', () => stack.call('POST', `/v1/orders/${toCancel.orderId}/cancel`, partner, {}));
  return out;
}

/** The code a message carries, read off the outbox (the bench runs no SMS gateway; the product never scans). */
async function codeFor(subjectId: string): Promise<string> {
  const { Items = [] } = await db().send(new ScanCommand({ TableName: tableName(), ConsistentRead: true }));
  // A confirmation names its message; a parcel is its message's subject.
  const messageId = Items.find((i) => i.confirmationId === subjectId && typeof i.messageId === 'string')?.messageId;
  const message = Items.find(
    (i) => typeof i.params?.code === 'string' && (messageId ? i.messageId === messageId : (i.subject as { id?: string } | undefined)?.id === subjectId),
  );
  if (!message) throw new Error(`no code sent for ${subjectId}`);
  return message.params.code as string;
}
