import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { retryMessages, deliverMessage } from '#functions/outbox/send-sms.ts';
import { smsGateway, type SmsGateway } from '#gateway/sms-gateway.ts';
import { signedHeaders } from '#gateway/signing.ts';
import { localSmsSecret } from '#scripts/local/sms-gateway.ts';
import * as messageStore from '#store/messages.ts';
import { useApi } from '../support/api.ts';
import { expectOk } from '../support/fixture.ts';
import { expectProblem, freshStation, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';
import { allItems } from '../support/table.ts';

/**
 * Messages to villagers' phones (docs/rules.md "Messages to phones";
 * docs/sms-gateway.md): written with the command that causes them, sent from
 * the outbox through the stand-in gateway, at most once whatever fails, and
 * settled by the gateway's receipts.
 */
const api = useApi({ outbox: true });
let day: Day;
let p: ReturnType<typeof partnerCalls>;

/** A fresh phone number for each villager, so each test reads only its own messages at the gateway. */
let phones = 0;
const newPhone = (tail = '') => {
  phones += 1;
  const base = `138${String(Date.now() % 1e4).padStart(4, '0')}${String(phones).padStart(4, '0')}`;
  return tail ? base.slice(0, 11 - tail.length) + tail : base;
};

async function villager(options: { phone?: string; messages?: 'SMS' | 'NONE' } = {}) {
  const answer = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/villagers`, {
      token: day.partner,
      key: true,
      body: { name: '李秀兰', villageId: day.station.villages[0].villageId, consent: true, ...options },
    }),
    201,
  );
  return answer.villagerId as string;
}

const place = (villagerId: string, key: string | true = true) =>
  p.place({ villagerId, lines: [{ sku: day.sku.rice, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 8_990 }, key);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for `check` to hold (the outbox and the receipts are asynchronous), for at most 15 s. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`never held: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

const messagesOf = (villagerId: string) =>
  expectOk(api.call('GET', `/v1/stations/${day.stationId}/messages?villagerId=${villagerId}&limit=100`, { token: day.partner })).then(
    (page) => page.items as any[],
  );
const statusOf = async (messageId: string) => (await messageStore.get(messageId))?.status;
/** What the stand-in sent for one of our messages (its own record): at most one, always. */
const atGateway = async (phone: string, messageId: string) => (await api.sms.messages(phone)).filter((m) => m.outId === messageId);

beforeAll(async () => {
  day = await freshStation(api);
  p = partnerCalls(api, day);
});
afterEach(async () => {
  await api.sms.fault('none', 0);
});

describe('the delivery code goes to the villager', () => {
  test('an order for a villager with a phone: the receipt says where the code went and carries none; the SMS carries it, and the code hands the order over', async () => {
    const phone = newPhone('8000');
    const villagerId = await villager({ phone });
    const order = await expectOk(place(villagerId), 201);
    expect(order.codeSentTo).toBe('尾号8000');
    expect(order.deliveryCode).toBeUndefined();
    expect(order.codeShownToPartner).toBe(false);
    const [sms] = await eventually(
      () => api.sms.messages(phone),
      (m) => m.length === 1,
    );
    expect(sms!.templateCode).toBe('ORDER_PLACED');
    expect(sms!.content).toContain(order.orderId.slice(-6));
    expect(sms!.content.startsWith('【乡村服务站】')).toBe(true);
    // The receipt says it arrived; the list says where it went, never the code.
    const [listed] = await eventually(
      () => messagesOf(villagerId),
      (m) => m[0]?.status === 'DELIVERED',
    );
    expect(listed).toMatchObject({ template: 'ORDER_PLACED', phoneMasked: '尾号8000', subject: { kind: 'order', id: order.orderId } });
    expect(JSON.stringify(listed)).not.toContain(sms!.params.code);
    await expectOk(p.arrive(order.orderId));
    await expectOk(p.pickUp(order.orderId, sms!.params.code!));
    expect((await p.statement(thisMonth())).smsSent).toBeGreaterThanOrEqual(1);
  });

  test('the partner never receives a code for a villager with a phone: not in the answer, a reprint, a read, a list or the kept record', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    const key = randomUUID();
    const order = await expectOk(place(villagerId, key), 201);
    const reprinted = await expectOk(api.call('POST', `/v1/orders/${order.orderId}/receipt`, { token: day.partner, key: true }));
    expect(reprinted.codeSentTo).toMatch(/^尾号\d{4}$/);
    const codes = await eventually(
      async () => (await api.sms.messages(phone)).map((m) => m.params.code!),
      (c) => c.length === 2,
    );
    const seen = JSON.stringify([
      order,
      reprinted,
      (await place(villagerId, key)).body,
      await p.order(order.orderId),
      await expectOk(api.call('GET', `/v1/stations/${day.stationId}/orders?limit=100`, { token: day.partner })),
      await messagesOf(villagerId),
      await allItems(),
    ]);
    for (const code of codes) expect(seen).not.toContain(`"${code}"`);
  });

  test('a reprint sends a new code to the phone; the old one stops working', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    const order = await expectOk(place(villagerId), 201);
    await expectOk(p.arrive(order.orderId));
    const first = (
      await eventually(
        () => api.sms.messages(phone),
        (m) => m.length === 1,
      )
    )[0]!.params.code!;
    await expectOk(api.call('POST', `/v1/orders/${order.orderId}/receipt`, { token: day.partner, key: true }));
    const second = (
      await eventually(
        () => api.sms.messages(phone),
        (m) => m.length === 2,
      )
    )[1]!;
    expect(second.templateCode).toBe('DELIVERY_CODE');
    if (second.params.code !== first) expectProblem(await p.pickUp(order.orderId, first), 422, 'wrong-delivery-code');
    await expectOk(p.pickUp(order.orderId, second.params.code!));
  });

  test('no phone, or no messages wanted: the code is printed, and the order says the partner saw it', async () => {
    for (const options of [{}, { phone: newPhone(), messages: 'NONE' as const }]) {
      const villagerId = await villager(options);
      const order = await expectOk(place(villagerId), 201);
      expect(order.deliveryCode).toMatch(/^\d{6}$/);
      expect(order.codeSentTo).toBeUndefined();
      expect((await p.order(order.orderId)).codeShownToPartner).toBe(true);
      if ('phone' in options) expect(await api.sms.messages(options.phone)).toEqual([]);
    }
  });

  test('a phone that never receives (its receipts say UNDELIVERED): the next reprint prints the code for the partner', async () => {
    const phone = newPhone('0000');
    const villagerId = await villager({ phone });
    const order = await expectOk(place(villagerId), 201);
    expect(order.codeSentTo).toBe('尾号0000');
    await eventually(
      () => statusOf(order.codeMessageId),
      (s) => s === 'UNDELIVERED',
    );
    const reprinted = await expectOk(api.call('POST', `/v1/orders/${order.orderId}/receipt`, { token: day.partner, key: true }));
    expect(reprinted.deliveryCode).toMatch(/^\d{6}$/);
    expect(reprinted.codeShownToPartner).toBe(true);
    // Ops see it among the messages that did not reach their villager.
    const unreached = await expectOk(api.call('GET', '/v1/messages/unreached?limit=100', { token: day.ops }));
    expect(unreached.items.map((m: any) => m.messageId)).toContain(order.codeMessageId);
  });
});

describe('at most once at the gateway, whatever fails', () => {
  /** Runs the retry job as its schedule would, with the clock moved past any lease, until the message settles. */
  async function settle(messageId: string) {
    return eventually(
      async () => {
        await retryMessages(new Date(Date.now() + 120_000));
        return statusOf(messageId);
      },
      (s) => s === 'DELIVERED' || s === 'SENT',
    );
  }

  test.each([
    ['the gateway answers 5xx', 'error'],
    ['the gateway is slower than the deadline', 'slow'],
    ['the gateway sends, then its answer is lost', 'drop-answer'],
  ] as const)('%s: the message is sent once, and its status is true', async (_, fault) => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    await api.sms.fault(fault, 1, 2_500);
    const order = await expectOk(place(villagerId), 201);
    await eventually(
      () => statusOf(order.codeMessageId),
      (s) => s !== 'QUEUED',
    );
    // A slow send is still under way when the deadline gives up on it: the lease (30 s) outlasts it, here by waiting for it.
    if (fault === 'slow')
      await eventually(
        () => atGateway(phone, order.codeMessageId),
        (sent) => sent.length === 1,
      );
    expect(await settle(order.codeMessageId)).toMatch(/^(SENT|DELIVERED)$/);
    // More looks change nothing: the gateway still has it once.
    await retryMessages(new Date(Date.now() + 120_000));
    await api.outbox.drained();
    expect(await atGateway(phone, order.codeMessageId)).toHaveLength(1);
    await eventually(
      () => statusOf(order.codeMessageId),
      (s) => s === 'DELIVERED',
    );
  });

  test('the sender dies between sending and recording: the stream delivers again, the gateway’s list says it went, nothing is sent twice', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    // Stop the outbox's own consumer from reaching it first: the message is sent here, by hand.
    await api.sms.fault('error', 1);
    const order = await expectOk(place(villagerId), 201);
    await eventually(
      () => statusOf(order.codeMessageId),
      (s) => s === 'SENDING',
    );
    const dying: SmsGateway = {
      sent: (phone, date) => smsGateway().sent(phone, date),
      send: async (message) => {
        await smsGateway().send(message);
        throw new Error('the Lambda died before recording');
      },
    };
    // The lease of the first (failed) attempt runs out; this attempt sends, then dies.
    await expect(deliverMessage(order.codeMessageId, new Date(Date.now() + 31_000), dying)).rejects.toThrow('died');
    expect(await statusOf(order.codeMessageId)).toBe('SENDING');
    // Delivered again while its lease holds: nothing. After it: the gateway's list, then SENT.
    await deliverMessage(order.codeMessageId, new Date(Date.now() + 32_000));
    expect(await atGateway(phone, order.codeMessageId)).toHaveLength(1);
    expect(await settle(order.codeMessageId)).toMatch(/^(SENT|DELIVERED)$/);
    expect(await atGateway(phone, order.codeMessageId)).toHaveLength(1);
  });

  test('the same outbox item delivered twice, and twenty identical commands at once: one message at the gateway', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => place(villagerId, key)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    const messageId = answers[0]!.body.codeMessageId as string;
    await eventually(
      () => statusOf(messageId),
      (s) => s === 'DELIVERED',
    );
    await deliverMessage(messageId);
    await deliverMessage(messageId, new Date(Date.now() + 60_000));
    expect(await atGateway(phone, messageId)).toHaveLength(1);
    expect((await api.sms.messages(phone)).length).toBe(1);
  });

  test('a command that is refused sends nothing', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    const refused = await p.place({
      villagerId,
      lines: [{ sku: day.sku.rice, qty: 1 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 9_999_00,
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await api.outbox.drained();
    expect(await api.sms.messages(phone)).toEqual([]);
    expect((await allItems()).filter((i) => String(i.pk).startsWith('OUTBOX#') && i.villagerId === villagerId)).toEqual([]);
  });

  test('receipts lost: the message stays SENT, which is true; a receipt our API did not take is pushed again', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    await api.sms.fault('lose-receipts', 1);
    const lost = await expectOk(place(villagerId), 201);
    await eventually(
      () => statusOf(lost.codeMessageId),
      (s) => s === 'SENT',
    );
    await sleep(400);
    expect(await statusOf(lost.codeMessageId)).toBe('SENT');
    // Our API unreachable for the first push: the gateway retries, and the second push settles it.
    api.sms.receiptsTo('http://127.0.0.1:9/v1/sms/receipts');
    const pushedAgain = await expectOk(place(villagerId), 201);
    await eventually(
      () => atGateway(phone, pushedAgain.codeMessageId),
      (sent) => sent[0]?.receiptPushes === 1,
    );
    api.sms.receiptsTo(`${api.url}/v1/sms/receipts`);
    await eventually(
      () => statusOf(pushedAgain.codeMessageId),
      (s) => s === 'DELIVERED',
    );
    const [sent] = await atGateway(phone, pushedAgain.codeMessageId);
    expect(sent!.receiptPushes).toBeGreaterThan(1);
  });
});

describe("the gateway's limits", () => {
  test('codes: one a minute, five an hour; the sixth in an hour is not sent and says why, and the next reprint prints the code', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    const order = await expectOk(place(villagerId), 201);
    // The gateway's clock at the start of a Shanghai hour, so that the six fall in one window.
    const clock = api.sms.gateway;
    clock.setClock(new Date('2026-12-05T02:00:00.000Z'));
    const reprint = () => expectOk(api.call('POST', `/v1/orders/${order.orderId}/receipt`, { token: day.partner, key: true }));
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await reprint();
      ids.push(r.codeMessageId);
      await eventually(
        () => statusOf(r.codeMessageId),
        (s) => s !== 'QUEUED' && s !== 'SENDING',
      );
      clock.advance(61_000);
    }
    const sent = (await api.sms.messages(phone)).filter((m) => m.templateCode === 'DELIVERY_CODE');
    expect(sent).toHaveLength(5);
    const sixth = await messageStore.get(ids[5]!);
    expect(sixth).toMatchObject({ status: 'FAILED', reason: 'BUSINESS_LIMIT_CONTROL' });
    const listed = (await messagesOf(villagerId)).find((m) => m.messageId === ids[5]);
    expect(listed).toMatchObject({ status: 'FAILED', reason: 'BUSINESS_LIMIT_CONTROL' });
    // The phone did not get the last code: the next reprint prints it for the partner.
    const again = await reprint();
    expect(again.deliveryCode).toMatch(/^\d{6}$/);
    clock.setClock(undefined);
  });
});

describe('delivery receipts', () => {
  const receipt = (messageId: string) =>
    JSON.stringify([
      {
        phone_number: '13800000001',
        send_time: new Date().toISOString(),
        report_time: new Date().toISOString(),
        success: false,
        err_code: 'X',
        biz_id: '1^1',
        out_id: messageId,
      },
    ]);
  const push = (body: string, headers: Record<string, string>) =>
    fetch(`${api.url}/v1/sms/receipts`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  test('unsigned, or signed with another secret: 401, and the message is unchanged', async () => {
    const phone = newPhone();
    const order = await expectOk(place(await villager({ phone })), 201);
    await eventually(
      () => statusOf(order.codeMessageId),
      (s) => s === 'DELIVERED',
    );
    const body = receipt(order.codeMessageId);
    expect((await push(body, {})).status).toBe(401);
    expect((await push(body, signedHeaders('another-secret-of-sixteen-chars', 'POST', '/v1/sms/receipts', body))).status).toBe(401);
    expect((await push(body, signedHeaders(localSmsSecret, 'POST', '/v1/sms/receipts', `${body} `))).status).toBe(401);
    expect(await statusOf(order.codeMessageId)).toBe('DELIVERED');
    // Signed right, a late receipt changes nothing either: the message is settled.
    const ok = await push(body, signedHeaders(localSmsSecret, 'POST', '/v1/sms/receipts', body));
    expect(await ok.json()).toEqual({ code: 0 });
    expect(await statusOf(order.codeMessageId)).toBe('DELIVERED');
  });
});

describe('other messages', () => {
  test('a weigh ticket tells the villager what it says; a notice can be sent again, a code never', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    const code = `EGG-${randomUUID().slice(0, 6).toUpperCase()}`;
    await expectOk(
      api.call('PUT', `/v1/produce/${code}`, { token: day.ops, body: { title: '土鸡蛋', grades: [{ grade: 'A', priceFenPerKg: 2_400 }], feeFenPerKg: 0 } }),
      201,
    );
    const ticket = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets`, {
        token: day.partner,
        key: true,
        body: { villagerId, code, grade: 'A', grossGrams: 2_500, tareGrams: 300, payout: 'CREDIT' },
      }),
      201,
    );
    const [sms] = await eventually(
      () => api.sms.messages(phone),
      (m) => m.length === 1,
    );
    expect(sms!.content).toContain('土鸡蛋A级，净重2.200公斤，52.80元，记在您的余额上');
    await eventually(
      () => statusOf(ticket.messageId),
      (s) => s === 'DELIVERED',
    );
    const again = await expectOk(api.call('POST', `/v1/messages/${ticket.messageId}/resend`, { token: day.partner, key: true }), 201);
    await eventually(
      () => api.sms.messages(phone),
      (m) => m.length === 2,
    );
    expect(again.template).toBe('WEIGH_TICKET');
    const order = await expectOk(place(villagerId), 201);
    expectProblem(await api.call('POST', `/v1/messages/${order.codeMessageId}/resend`, { token: day.partner, key: true }), 422, 'message-has-code');
  });

  test('a run that starts tells each villager on it, once, by one message', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    const orders = [];
    for (let i = 0; i < 2; i++) {
      const o = await expectOk(
        p.place({ villagerId, lines: [{ sku: day.sku.rice, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'HOME_DELIVERY' }),
        201,
      );
      await expectOk(p.arrive(o.orderId));
      orders.push(o);
    }
    const run = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { token: day.partner, key: true, body: { date: '2026-12-28', capacityKg: 500 } }),
      201,
    );
    await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: day.partner, key: true }));
    const notices = await eventually(
      async () => (await api.sms.messages(phone)).filter((m) => m.templateCode === 'OUT_FOR_DELIVERY'),
      (m) => m.length === 1,
    );
    expect(notices[0]!.content).toContain('您有2件包裹今天');
  });
});

describe("a villager's choice and erasure", () => {
  test('erasing a villager leaves their number in no message of the table', async () => {
    const phone = newPhone();
    const villagerId = await villager({ phone });
    await expectOk(place(villagerId), 201);
    await eventually(
      () => messagesOf(villagerId),
      (m) => m[0]?.status === 'DELIVERED',
    );
    const erased = await api.call('DELETE', `/v1/stations/${day.stationId}/villagers/${villagerId}`, { token: day.partner, key: true });
    expect(erased.status).toBe(204);
    expect(JSON.stringify(await allItems())).not.toContain(phone);
  });
});
