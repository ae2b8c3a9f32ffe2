import { beforeAll, describe, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { buildFixture, expectOk, type Fixture } from '../support/fixture.ts';

const api = useApi();
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture(api);
});

/** A sentence a person reads in Chinese holds no run of Latin words, and no amount in fen. */
const latinSentence = /[A-Za-z]{3,}\s+[A-Za-z]{2,}/;

describe('problems in the language the client reads (Accept-Language, zh-CN first), amounts in yuan', () => {
  const overpay = async (headers: Record<string, string>) => {
    const order = await expectOk(
      api.call('POST', `/v1/stations/${f.stationA}/orders`, {
        token: f.partnerA,
        key: true,
        body: { villagerId: f.villagerA, lines: [{ sku: f.sku, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' },
      }),
      201,
    );
    return api.call('POST', `/v1/orders/${order.orderId}/payments`, { token: f.partnerA, key: true, body: { amountFen: order.totalFen + 100 }, headers });
  };

  test('zh-CN: title, detail and field message in Chinese, the amount as ¥, a stable code for programs', async () => {
    const answer = await overpay({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-language')).toBe('zh-CN');
    expect(answer.body).toMatchObject({ code: 'overpayment', title: '不符合规则' });
    expect(answer.body.detail).toMatch(/^这个订单只欠 ¥[\d,]+\.\d\d。$/);
    expect(answer.body.errors).toEqual([{ path: 'body.amountFen', code: 'atMost', message: expect.stringMatching(/^最多 ¥[\d,]+\.\d\d。$/) }]);
    for (const text of [answer.body.title, answer.body.detail, answer.body.errors[0].message]) {
      expect(text).not.toMatch(latinSentence);
      expect(text).not.toMatch(/fen/i);
    }
  });

  test('English when asked, with the same code; no header means zh-CN', async () => {
    const en = await overpay({ 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.body).toMatchObject({ code: 'overpayment', title: 'Unprocessable' });
    expect(en.body.detail).toMatch(/^Only ¥[\d,]+\.\d\d is outstanding on this order\.$/);
    const none = await overpay({ 'accept-language': '' });
    expect(none.body.detail).toMatch(/^这个订单只欠/);
  });

  test('input checks (zod) are named by field in Chinese too, every one of them', async () => {
    const answer = await api.call('POST', `/v1/stations/${f.stationA}/villagers`, {
      token: f.partnerA,
      key: true,
      headers: { 'accept-language': 'zh-CN' },
      body: { name: '', phone: '12345', villageId: 'nope', consent: false, extra: 1 },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).not.toMatch(latinSentence);
    const byPath = Object.fromEntries(answer.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath).toMatchObject({
      'body.name': '不能为空。',
      'body.phone': '请填 11 位手机号，例如 13800138000。',
      'body.villageId': '编号的格式不对。',
      'body.consent': expect.stringContaining('同意'),
      'body.extra': '这里不接受这一项。',
    });
    for (const message of Object.values(byPath)) expect(message).not.toMatch(latinSentence);
  });
});
