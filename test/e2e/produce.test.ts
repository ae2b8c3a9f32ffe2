import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { demo, siteApi } from '../support/site-api.ts';

/**
 * docs/rules.md "Produce", through the partner form in Chromium: a villager
 * sells chestnuts for cash, a second sells on credit and spends it on an order,
 * the lot is dispatched, and the month's statement shows it. An order paid with
 * credit whose villager has since been erased is cancelled: the credit part is
 * paid back in cash from the drawer.
 */
const site = useSite();
const api = siteApi(() => site.url);
const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

async function signIn(width: number, hash = '') {
  const page = await site.page(width);
  await page.goto(`${site.url}/partner/${hash}`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await page.getByRole('navigation').waitFor();
  return page;
}

async function pickVillager(page: Page, name: string) {
  await page.getByLabel('姓名或手机号').fill(name);
  await page.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: '选这位' }).click();
  await page.getByText(/余额 ¥/).waitFor();
}

async function weigh(page: Page, gross: string, tare: string, deduction: string) {
  await page.getByLabel('农产品').selectOption({ label: '板栗' });
  await page.getByLabel('等级').selectOption({ index: 0 });
  await page.getByLabel('毛重（公斤）').fill(gross);
  await page.getByLabel('皮重（公斤，筐、袋）').fill(tare);
  await page.getByLabel('扣杂（%）').fill(deduction);
  await page.getByRole('button', { name: '算一算' }).click();
  await page.getByTestId('quote-amount').waitFor();
}

describe('buying produce at the station', () => {
  test('chestnuts bought for cash and on credit, the credit spent on an order, the lot dispatched, the statement shows it', async () => {
    const stamp = Date.now().toString(36).slice(-4);
    const [first, second] = [`卖栗甲${stamp}`, `卖栗乙${stamp}`];
    const station = await api('GET', `/v1/stations/${demo.station}`);
    const register = (name: string) => api('POST', `/v1/stations/${demo.station}/villagers`, { name, villageId: station.villages[1].villageId, consent: true });
    const a = await register(first);
    const b = await register(second);
    // Cash in the drawer to pay with: a sale paid on ordering.
    await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 2 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 17_980,
    });
    const before = await api('GET', `/v1/stations/${demo.station}/cash`);
    const statementBefore = await api('GET', `/v1/stations/${demo.station}/statements/${month()}`);

    const page = await signIn(360, '#/produce');
    await page.getByRole('heading', { name: '卖农产品' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The first villager: 10.35 kg gross, 0.35 kg basket, 1.5% deduction, grade A at ¥12.00/kg, paid now.
    await pickVillager(page, first);
    await weigh(page, '10.35', '0.35', '1.5');
    expect(await page.getByTestId('quote-net').textContent()).toBe('9.850 公斤');
    expect(await page.getByTestId('quote-amount').textContent()).toBe('¥118.20');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('现在付现金').check();
    await page.getByRole('button', { name: '村民同意，开收购单' }).click();
    await page.getByRole('alertdialog').getByText('从钱箱拿出 ¥118.20').waitFor();
    await page.getByRole('button', { name: '确定', exact: true }).click();
    await page
      .getByText(/收购单 №\w+ 已开，¥118\.20/)
      .first()
      .waitFor();
    const printed = page.locator('.ticket');
    await printed.waitFor();
    expect(await printed.textContent()).toContain(first);
    await page.screenshot({ path: 'docs/screenshots/partner-produce-360.png', fullPage: false });
    const afterCash = await api('GET', `/v1/stations/${demo.station}/cash`);
    expect(afterCash.drawerFen).toBe(before.drawerFen - 11_820);
    expect(afterCash.dueToPlatformFen).toBe(before.dueToPlatformFen - 11_820);

    // The second villager: 5 kg on credit (no cash moves); the credit shows by their name.
    await page.getByRole('button', { name: '换一位' }).click();
    await pickVillager(page, second);
    await weigh(page, '5', '', '');
    expect(await page.getByTestId('quote-amount').textContent()).toBe('¥60.00');
    await page.getByLabel('记在余额上（以后取现金或抵货款）').check();
    await page.getByRole('button', { name: '村民同意，开收购单' }).click();
    await page.getByText('余额 ¥60.00').first().waitFor();
    expect((await api('GET', `/v1/stations/${demo.station}/villagers/${b.villagerId}`)).creditFen).toBe(6_000);
    expect((await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(afterCash.drawerFen);

    // They spend it on an order: the order's page offers the credit; no cash moves.
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: b.villagerId,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 0,
    });
    await page.goto(`${site.url}/partner/#/orders/${order.orderId}`);
    await page.getByRole('button', { name: '用余额付 ¥60.00' }).click();
    await page
      .getByText(/已收款。共付 ¥60\.00/)
      .first()
      .waitFor();
    expect(await api('GET', `/v1/orders/${order.orderId}`)).toMatchObject({ paidFen: 6_000, outstandingFen: 8_990 - 6_000 });
    expect((await api('GET', `/v1/stations/${demo.station}/villagers/${b.villagerId}`)).creditFen).toBe(0);
    expect((await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(afterCash.drawerFen);

    // The order is cancelled: what was paid with credit goes back to the credit, not out of the drawer, and the page says so.
    await page.getByRole('button', { name: '取消订单', exact: true }).click();
    const ask = page.getByRole('alertdialog', { name: '请确认' });
    expect(await ask.textContent()).toContain('¥60.00 退回村民的余额，从钱箱拿出 ¥0.00 退给村民');
    await ask.getByRole('button', { name: '确定' }).click();
    await page.getByText('订单已取消：¥60.00 已退回村民的余额，¥0.00 已从钱箱退给村民。').first().waitFor();
    expect(await api('GET', `/v1/orders/${order.orderId}`)).toMatchObject({ status: 'CANCELLED', refundedFen: 6_000, refundedToCreditFen: 6_000 });
    expect((await api('GET', `/v1/stations/${demo.station}/villagers/${b.villagerId}`)).creditFen).toBe(6_000);
    expect((await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(afterCash.drawerFen);

    // The truck takes the chestnut lot: its handling fee (¥0.50/kg on 14.85 kg) is earned.
    await page.goto(`${site.url}/partner/#/produce`);
    const lot = page.getByRole('listitem').filter({ hasText: '板栗 A' });
    await lot.getByRole('button', { name: '装车发走' }).click();
    await page
      .getByText(/已发走，手续费 ¥\d+\.\d\d 记入收入/)
      .first()
      .waitFor();
    const statement = await api('GET', `/v1/stations/${demo.station}/statements/${month()}`);
    expect(statement.produceNetGrams - statementBefore.produceNetGrams).toBe(9_850 + 5_000);
    expect(statement.producePaidFen - statementBefore.producePaidFen).toBe(11_820 + 6_000);
    expect(statement.produceFeeFen - statementBefore.produceFeeFen).toBeGreaterThanOrEqual(492 + 250);
    const lots = await api('GET', `/v1/stations/${demo.station}/produce-lots?status=DISPATCHED&limit=100`);
    const dispatched = lots.items.find((l: { title: string; grade: string }) => l.title === '板栗' && l.grade === 'A');
    const traced = await api('GET', `/v1/produce-lots/${dispatched.lotId}`);
    expect(traced.tickets.map((t: { villagerId: string }) => t.villagerId)).toEqual(expect.arrayContaining([a.villagerId, b.villagerId]));

    // The statement on the cash screen shows what was bought and earned.
    await page.getByRole('navigation').getByRole('link', { name: '现金' }).click();
    await page.getByText('收购手续费').waitFor();
    expect(await page.locator('#statement').locator('..').textContent()).toContain('收购金额');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('an order paid partly with produce credit, its villager erased, is cancelled: the credit part is paid back in cash and the page says so', async () => {
    const stamp = Date.now().toString(36).slice(-4);
    const station = await api('GET', `/v1/stations/${demo.station}`);
    const seller = await api('POST', `/v1/stations/${demo.station}/villagers`, {
      name: `卖栗丙${stamp}`,
      villageId: station.villages[1].villageId,
      consent: true,
    });
    // Cash in the drawer to refund from: a sale paid on ordering.
    await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 8_990,
    });
    // 5 kg of grade A chestnuts (¥12.00/kg) on credit: ¥60.00, spent on a ¥89.90 order with ¥20.00 in cash beside it.
    await api('POST', `/v1/stations/${demo.station}/weigh-tickets`, {
      villagerId: seller.villagerId,
      code: 'CHESTNUT',
      grade: 'A',
      grossGrams: 5_000,
      payout: 'CREDIT',
    });
    expect((await api('GET', `/v1/stations/${demo.station}/villagers/${seller.villagerId}`)).creditFen).toBe(6_000);
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: seller.villagerId,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 0,
    });
    await api('POST', `/v1/orders/${order.orderId}/payments`, { amountFen: 6_000, source: 'CREDIT' });
    await api('POST', `/v1/orders/${order.orderId}/payments`, { amountFen: 2_000, source: 'CASH' });
    expect(await api('GET', `/v1/orders/${order.orderId}`)).toMatchObject({ paidFen: 8_000, paidByCreditFen: 6_000, outstandingFen: 990 });

    // Their credit is spent, so the villager may be erased.
    expect((await api('GET', `/v1/stations/${demo.station}/villagers/${seller.villagerId}`)).creditFen).toBe(0);
    await api('DELETE', `/v1/stations/${demo.station}/villagers/${seller.villagerId}`);
    const before = await api('GET', `/v1/stations/${demo.station}/cash`);

    // The order's page finds the villager gone (a 404) before the partner cancels.
    const page = await signIn(360);
    const villagerGone = page.waitForResponse((r) => r.url().endsWith(`/villagers/${seller.villagerId}`) && r.status() === 404);
    await page.goto(`${site.url}/partner/#/orders/${order.orderId}`);
    await villagerGone;
    await page.getByRole('button', { name: '取消订单', exact: true }).click();
    const ask = page.getByRole('alertdialog', { name: '请确认' });
    expect(await ask.textContent()).toContain('取消这个订单，从钱箱拿出 ¥80.00 退还：村民已注销，用余额付的 ¥60.00 也退现金。确定吗？');
    expect(await seriousViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: '确定' }).click();
    await page.getByText('订单已取消，已从钱箱退给村民 ¥80.00。').first().waitFor();

    expect(await api('GET', `/v1/orders/${order.orderId}`)).toMatchObject({
      status: 'CANCELLED',
      refundedFen: 8_000,
      refundedToCreditFen: 0,
      creditRefundedInCashFen: 6_000,
    });
    expect((await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(before.drawerFen - 8_000);
  });

  test('the kiosk shows today’s buying prices', async () => {
    const page = await site.page(1280);
    await page.goto(`${site.url}/kiosk/`);
    await page.getByRole('button', { name: /大柘镇服务站 自助屏/ }).click();
    const prices = page.getByRole('region', { name: '今天收购价' });
    await prices.waitFor();
    expect(await prices.textContent()).toContain('板栗');
    expect(await prices.textContent()).toContain('A 级 每公斤 ¥12');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
