import { render, segmentsOf } from '#gateway/sms-protocol.ts';
import { startOutboxPoller } from '#scripts/local/outbox-poller.ts';
import { handlerFor } from '#scripts/local/handlers.ts';
import { localSmsSecret, startSmsGateway } from '#scripts/local/sms-gateway.ts';
import type { StreamHandler } from '#scripts/local/outbox-poller.ts';
import { benchStation, type LocalStack } from './local-stack.ts';

/** What the SMS gateway charges a segment (yuan): the large domestic services' list price; re-price here. */
export const yuanPerSegment = 0.045;

export interface SmsResults {
  /** Orders placed, each for a villager of its own phone, at random moments (so the poller is caught idle as often as busy). */
  orders: number;
  /** From the answer that placed the order to the gateway having sent its code, as the gateway's clock says. */
  leaveMs: { p50: number; p95: number; max: number };
  bar: { leaveMs: number };
  /** Segments of a typical order's code message, and what the messages of 1,000 orders cost. */
  segmentsPerOrder: number;
  /** What an order's life sends, on average: assumptions, stated (its code; a share of a run's notice; a reprint now and then). */
  messagesPerOrder: { code: number; runNotice: number; reprint: number };
  yuanPerSegment: number;
  yuanPer1000Orders: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * How soon an order's code leaves (docs/quality.md "Messages"): the local
 * stream poller as npm start runs it (it asks a quiet stream less often, at
 * most a second apart), the same consumer Lambda runs, the stand-in gateway.
 * Each order is placed after a random pause of up to 3 s.
 */
export async function measureSms(stack: LocalStack, orders = 40): Promise<SmsResults> {
  const gateway = await startSmsGateway({ port: 0, secret: localSmsSecret, deliveryDelayMs: 50, receiptUrl: `${stack.url}/v1/sms/receipts` });
  Object.assign(process.env, { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_SECRET: localSmsSecret });
  const poller = startOutboxPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: process.env.TABLE_NAME!,
    handler: async (event) => ((await handlerFor('outbox')) as unknown as StreamHandler)(event),
  });
  try {
    const s = await benchStation(stack, 'sms');
    const station = await stack.call('GET', `/v1/stations/${s.stationId}`, s.partner);
    const waits: number[] = [];
    for (let i = 0; i < orders; i++) {
      const phone = `1390000${String(1000 + i).padStart(4, '0')}`;
      const villager = await stack.call('POST', `/v1/stations/${s.stationId}/villagers`, s.partner, {
        name: '王秀英',
        phone,
        villageId: station.villages[0].villageId,
        consent: true,
      });
      await sleep(Math.random() * 3_000);
      const order = await stack.call('POST', `/v1/stations/${s.stationId}/orders`, s.partner, {
        villagerId: villager.villagerId,
        lines: [{ sku: s.sku, qty: 1 }],
        paymentMode: 'CASH_ON_DELIVERY',
        fulfilment: 'STATION_PICKUP',
      });
      const answeredAt = Date.now();
      for (;;) {
        const sent = gateway.state.messages.find((m) => m.outId === order.codeMessageId);
        if (sent) {
          waits.push(Date.parse(sent.sendTime) - answeredAt);
          break;
        }
        if (Date.now() - answeredAt > 30_000) throw new Error(`the code of ${order.orderId} did not leave within 30 s`);
        await sleep(10);
      }
    }
    const sorted = [...waits].sort((a, b) => a - b);
    const typical = render('ORDER_PLACED', { station: '遂昌县大柘乡服务站', receiptNo: 'Q7K2MX', amount: '3900.00', code: '042517' });
    const segments = segmentsOf(typical);
    // An order's life sends its code; half the orders go home, and their villagers hear once a run; one in ten is reprinted.
    const messagesPerOrder = { code: 1, runNotice: 0.5, reprint: 0.1 };
    const perOrder = messagesPerOrder.code + messagesPerOrder.runNotice + messagesPerOrder.reprint;
    return {
      orders,
      leaveMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1)! },
      bar: { leaveMs: 5_000 },
      segmentsPerOrder: segments,
      messagesPerOrder,
      yuanPerSegment,
      yuanPer1000Orders: Math.round(1_000 * perOrder * segments * yuanPerSegment * 100) / 100,
    };
  } finally {
    await poller.stop();
    await gateway.close();
  }
}
