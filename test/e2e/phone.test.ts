import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { issueToken } from '#scripts/local/tokens.ts';
import { demo, siteApi } from '../support/site-api.ts';

/**
 * What a shop owner trips over on a cheap phone: the partner form at 360 px in
 * zh-CN, each fix with what it shows and, where money or state is involved,
 * what the API says happened.
 */
const site = useSite();
const api = siteApi(() => site.url);
const opsApi = siteApi(() => site.url, 'ops');
const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });
const shanghaiDay = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** Straight calls as an operator (confirming a remittance, reading a product). */
async function asOps<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(site.url + path, {
    method,
    headers: {
      authorization: `Bearer ${await issueToken({ role: 'ops', sub: 'e2e-ops' })}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function signIn(hash = '') {
  const page = await site.page(360);
  await page.goto(`${site.url}/partner/${hash}`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await page.getByRole('navigation').waitFor();
  return page;
}

/** Waits for the service worker to control the page, then reloads once so the data it shows is kept too. */
async function offlineReady(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.getByRole('navigation').waitFor();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
}

async function deadZone(page: Page, on: boolean) {
  site.cut = on;
  await page.context().setOffline(on);
}

/** Nothing on the screen wider than the phone. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(360);
}

const register = async (name: string) => {
  const station = await api('GET', `/v1/stations/${demo.station}`);
  return api('POST', `/v1/stations/${demo.station}/villagers`, { name, villageId: station.villages[1].villageId, consent: true });
};
const stamp = () => Date.now().toString(36).slice(-4);

/** Cash in the drawer: a sale paid on ordering. */
const fillDrawer = (fen = 390_000) =>
  api('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: demo.villager,
    lines: [{ sku: demo.sku, qty: 1 }],
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: fen,
  });

async function placeRadioOrder(page: Page, villager: string) {
  await page.getByLabel('姓名或手机号').fill(villager);
  await page.getByRole('listitem').filter({ hasText: villager }).getByRole('button', { name: '选择' }).click();
  await page.getByLabel('搜索商品').fill('收音机');
  await page.getByRole('button', { name: '加入 插卡收音机 听戏机' }).click();
  await page.getByRole('region', { name: '核对' }).getByText('¥5.10').waitFor();
  await page.getByRole('button', { name: '确认下单' }).click();
  // Printed for a villager without a phone, else said where it went by SMS.
  await page.locator('.receipt .code, .receipt .code-sent').first().waitFor();
  return new URL(page.url()).hash.split('/').at(-1)!;
}

/** The order form, blank: nobody chosen, nothing on it, no receipt, and it stays so. */
async function expectBlankOrderForm(page: Page, how: string) {
  await page.getByRole('heading', { name: '帮村民下单' }).waitFor();
  await page.waitForTimeout(700);
  expect(await page.locator('.receipt').count(), how).toBe(0);
  expect(new URL(page.url()).hash, how).toMatch(/^(#\/order)?$/);
  expect(await page.getByLabel('姓名或手机号').isVisible(), how).toBe(true);
  expect(await page.locator('table.lines tbody tr').count(), how).toBe(0);
}

describe('the partner form on a phone (360 px, zh-CN)', () => {
  afterEach(async () => {
    site.cut = false;
    await site.gateway.fault('none');
  });

  test('下一单, 查看订单 → 下单, Back and reopening the app open a blank form, never the last villager’s receipt again', async () => {
    const villager = `下一单${stamp()}`;
    const { villagerId } = await register(villager);
    const page = await signIn();

    await placeRadioOrder(page, villager);
    await page.getByRole('link', { name: '下一单' }).click();
    await expectBlankOrderForm(page, '下一单');

    await placeRadioOrder(page, villager);
    await page.getByRole('link', { name: '查看订单' }).click();
    await page.getByRole('heading', { name: '订单', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '下单' }).click();
    await expectBlankOrderForm(page, '查看订单 → 下单');

    await placeRadioOrder(page, villager);
    await page.goBack();
    await expectBlankOrderForm(page, 'Back');

    await placeRadioOrder(page, villager);
    await page.goto(`${site.url}/partner/`);
    await expectBlankOrderForm(page, 'reopened');
    await expectNoSidewaysScroll(page, 'order form');

    // Four orders, each placed once.
    const mine = (await api('GET', `/v1/stations/${demo.station}/orders?limit=100`)).items.filter((o: { villagerId: string }) => o.villagerId === villagerId);
    expect(mine).toHaveLength(4);
  });

  test('weighing again for a villager shows the new quote with its own accept button, never the last ticket', async () => {
    const name = `卖蛋${stamp()}`;
    const { villagerId } = await register(name);
    const page = await signIn('#/produce');
    const pick = async () => {
      await page.getByLabel('姓名或手机号').fill(name);
      await page.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: '选这位' }).click();
      await page.locator('.credit').waitFor();
    };
    const weigh = async (produce: string, gross: string, tare: string) => {
      await page.getByLabel('农产品').selectOption({ label: produce });
      await page.getByLabel('等级').selectOption({ index: 0 });
      await page.getByLabel('毛重（公斤）').fill(gross);
      await page.getByLabel('皮重（公斤，筐、袋）').fill(tare);
      await page.getByRole('button', { name: '算一算' }).click();
      await page.getByTestId('quote-amount').waitFor();
    };

    // Chestnuts, 3.75 kg at ¥12.00: ¥45.00 on credit; the partner leaves without 再收一单.
    await pick();
    await weigh('板栗', '3.75', '');
    expect(await page.getByTestId('quote-amount').textContent()).toBe('¥45.00');
    await page.getByLabel('记在余额上（以后取现金或抵货款）').check();
    await page.getByRole('button', { name: '村民同意，开收购单' }).click();
    await page
      .getByText(/收购单 №\w+ 已开，¥45\.00/)
      .first()
      .waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '现金' }).click();
    await page.getByRole('heading', { name: '现金', level: 1 }).waitFor();

    // Later, eggs for the same villager: 2.5 kg less a 0.3 kg basket at ¥24.00 is ¥52.80, and that is what is offered.
    await page.getByRole('navigation').getByRole('link', { name: '收农产品' }).click();
    await pick();
    await weigh('土鸡蛋', '2.5', '0.3');
    expect(await page.getByTestId('quote-amount').textContent()).toBe('¥52.80');
    expect(await page.getByText(/已开，¥45\.00/).count()).toBe(0);
    await page.getByLabel('记在余额上（以后取现金或抵货款）').check();
    await page.getByRole('button', { name: '村民同意，开收购单' }).click();
    await page
      .getByText(/收购单 №\w+ 已开，¥52\.80/)
      .first()
      .waitFor();

    // Weighed again on the spot (a second basket): a new quote, a new accept button.
    await weigh('土鸡蛋', '1.3', '0.3');
    expect(await page.getByTestId('quote-amount').textContent()).toBe('¥24.00');
    await page.getByRole('button', { name: '村民同意，开收购单' }).waitFor();
    expect(await page.getByText(/已开，¥52\.80/).count()).toBe(0);
    expect((await api('GET', `/v1/stations/${demo.station}/villagers/${villagerId}`)).creditFen).toBe(4_500 + 5_280);
    await expectNoSidewaysScroll(page, 'produce');
  });

  test('a remittance that left the drawer is in view, awaiting the platform, until it is confirmed', async () => {
    await fillDrawer();
    const before = await api('GET', `/v1/stations/${demo.station}/cash`);
    const page = await signIn('#/cash');
    await page.getByLabel('交款金额（元）').fill('1000');
    await page.getByLabel('凭证号').fill('BANK-3601');
    await page.getByRole('button', { name: '交款', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定' }).click();
    await page.getByText(/已交款，钱箱里现在有/).waitFor();

    const remittances = page.getByRole('region', { name: '交款记录' });
    const row = remittances.getByRole('listitem').filter({ hasText: 'BANK-3601' });
    await row.getByText('等平台确认').waitFor();
    expect(await row.textContent()).toContain('¥1,000.00');
    await remittances.getByText(/已从钱箱交出，等平台确认收到/).waitFor();
    const after = await api('GET', `/v1/stations/${demo.station}/cash`);
    const balances = page.getByRole('region', { name: '现金情况' });
    await balances.getByText('已交款待确认').waitFor();
    const pendingShown = (after.pendingRemittancesFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(await balances.textContent()).toContain(`已交款待确认¥${pendingShown}`);
    await expectNoSidewaysScroll(page, 'cash');
    expect(await seriousViolations(page)).toEqual([]);
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'partner-remittances-360');

    expect(after.drawerFen).toBe(before.drawerFen - 100_000);
    expect(after.pendingRemittancesFen).toBe(before.pendingRemittancesFen + 100_000);
    const pending = (await api('GET', `/v1/stations/${demo.station}/remittances?status=PENDING&limit=100`)).items;
    const mine = pending.find((r: { reference: string }) => r.reference === 'BANK-3601');
    expect(mine).toMatchObject({ amountFen: 100_000, status: 'PENDING' });

    // The platform confirms it: the page says so.
    await asOps('POST', `/v1/remittances/${mine.remittanceId}/confirm`);
    await page.reload();
    await page.getByRole('region', { name: '交款记录' }).getByRole('listitem').filter({ hasText: 'BANK-3601' }).getByText('平台已确认收到').waitFor();
  });

  test('offline: “没有网络” goes once a command gets through; a bill paid offline says where its receipt is', async () => {
    const page = await signIn('#/bills');
    await offlineReady(page);
    await page.getByRole('link', { name: '村民' }).click();
    await page.getByRole('listitem').filter({ hasText: '王秀英' }).waitFor();
    await page.getByRole('link', { name: '缴费' }).click();
    await page.getByLabel('中国移动').check();
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await page.getByLabel('手机号').fill(phone);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('户名').waitFor();
    await page.getByLabel('充值金额（元）').fill('20');

    await deadZone(page, true);
    await page.getByRole('button', { name: '收款并缴费' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定' }).click();
    await page.getByText('有 1 项待发送').waitFor();
    // Elsewhere, on data read without a network.
    await page.getByRole('link', { name: '村民' }).click();
    await page.getByText(/没有网络：显示的是 .* 的数据。/).waitFor();

    await deadZone(page, false);
    const sent = page.locator('.pending-area .notice.ok', { hasText: '已发送成功' });
    await sent.waitFor({ timeout: 40_000 });
    expect(await page.getByText(/没有网络：/).count()).toBe(0);
    await page.getByText('网络已恢复').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await expectNoSidewaysScroll(page, 'pending notices');
    await sent.getByRole('link', { name: '看凭条' }).click();
    await page.getByRole('heading', { name: '缴费凭条' }).waitFor();
    await page.locator('.bill-receipt .notice', { hasText: '缴费成功' }).waitFor();
    const billPaymentId = new URL(page.url()).hash.split('/').at(-1)!;
    expect(await api('GET', `/v1/bill-payments/${billPaymentId}`)).toMatchObject({ status: 'PAID', accountNo: phone, amountFen: 2_000 });
    const today = (await api('GET', `/v1/stations/${demo.station}/bill-payments?date=${shanghaiDay()}&limit=100`)).items;
    expect(today.filter((b: { accountNo: string }) => b.accountNo === phone)).toHaveLength(1);
  });

  test('looking up an account whose bill is still processing warns before it is paid again', async () => {
    const page = await signIn('#/bills');
    const phone = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const lookUp = async () => {
      await page.getByLabel('中国移动').check();
      await page.getByLabel('手机号').fill(phone);
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('户名').waitFor();
    };
    await lookUp();
    await page.getByLabel('充值金额（元）').fill('30');
    // The gateway applies the payment but its answer is lost: 处理中.
    await site.gateway.fault('drop-answer', 1_000, ['pay', 'status']);
    await page.getByRole('button', { name: '收款并缴费' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定' }).click();
    await page.getByText('处理中，请勿重复缴费').waitFor();
    const firstId = new URL(page.url()).hash.split('/').at(-1)!;

    await page.getByRole('link', { name: '再缴一笔' }).click();
    await lookUp();
    const warning = page.getByRole('alert').filter({ hasText: '请勿重复缴费' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('¥30.00');
    expect(await warning.getByRole('link', { name: '看那一笔' }).getAttribute('href')).toBe(`#/bills/${firstId}`);
    await page.getByLabel('充值金额（元）').fill('30');
    await page.getByRole('button', { name: '收款并缴费' }).click();
    const ask = page.getByRole('alertdialog');
    expect(await ask.textContent()).toMatch(/注意：这个户号已有一笔 ¥30\.00 在处理中/);
    await shot(page, 'partner-bill-twice-360');
    await ask.getByRole('button', { name: '不了' }).click();
    await expectNoSidewaysScroll(page, 'bills');
    const mine = (await api('GET', `/v1/stations/${demo.station}/bill-payments?date=${shanghaiDay()}&limit=100`)).items.filter(
      (b: { accountNo: string }) => b.accountNo === phone,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ billPaymentId: firstId, status: 'PENDING' });
  });

  test('the fifth wrong code locks the order, and its hand-over goes at once, without a reload', async () => {
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 8_990,
    });
    await api('POST', `/v1/orders/${order.orderId}/arrive`);
    const wrong = (await site.deliveryCode(order)) === '000000' ? '111111' : '000000';
    const page = await signIn(`#/orders/${order.orderId}`);
    for (let n = 1; n <= 5; n++) {
      await page.getByLabel('取货码').fill(wrong);
      await page.getByRole('button', { name: '交货', exact: true }).click();
      if (n < 5)
        await page
          .getByText(`再错 ${5 - n} 次订单就会锁定`)
          .first()
          .waitFor();
    }
    await page.getByText('取货码错误太多次，订单已锁定，请联系平台解锁。').waitFor();
    expect(await page.getByRole('button', { name: '交货', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('取货码').count()).toBe(0);
    expect(await api('GET', `/v1/orders/${order.orderId}`)).toMatchObject({ status: 'AT_STATION', lockedForOps: true, wrongCodeAttempts: 5 });
  });

  test('no raw ids, one word for kilograms, grams read as kilograms, the header in one language', async () => {
    // An air conditioner handed over, its installation booked by the partner for tomorrow: a task on tomorrow's run.
    const placed = await fillDrawer();
    await api('POST', `/v1/orders/${placed.orderId}/arrive`);
    await api('POST', `/v1/orders/${placed.orderId}/pickup`, { deliveryCode: await site.deliveryCode(placed) });
    const jobs = (await api('GET', `/v1/stations/${demo.station}/installations?status=OPEN&limit=100`)).items;
    const job = jobs.find((j: { orderId: string }) => j.orderId === placed.orderId);
    await api('POST', `/v1/installations/${job.jobId}/schedule`, { date: shanghaiDay(1), installer: 'PARTNER' });
    // Produce bought this month, so the statement has a weight.
    const { villagerId } = await register(`称重${stamp()}`);
    await api('POST', `/v1/stations/${demo.station}/weigh-tickets`, { villagerId, code: 'CHESTNUT', grade: 'A', grossGrams: 25_703, payout: 'CREDIT' });

    const page = await signIn('#/delivery');
    expect(await page.locator('header.top .who').textContent()).toBe('大柘镇服务站店主');
    const task = page.getByRole('region', { name: '上门任务' }).getByRole('listitem').filter({ hasText: '美的 2匹 立式柜机空调 ×1' });
    await task.waitFor();
    expect(await task.textContent()).not.toMatch(/ins_|\(/);
    await expectNoSidewaysScroll(page, 'delivery with an installation task');
    expect(await page.locator('main').textContent()).not.toMatch(/\bkg\b/);
    await shot(page, 'partner-delivery-360');

    await page.getByRole('link', { name: '现金' }).click();
    const statement = page.getByRole('region', { name: '月度报表' });
    const netShown = statement.locator('dt', { hasText: '收购净重' }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => netShown.textContent()).toMatch(/^\d+\.\d{3} 公斤$/);
    const net = await netShown.textContent();
    expect(Number(net!.split(' ')[0])).toBeGreaterThanOrEqual(25.703);
    expect(await page.locator('main').textContent()).not.toMatch(/（克）/);
    await expectNoSidewaysScroll(page, 'cash');

    await page.getByRole('link', { name: '收农产品' }).click();
    const lots = page.getByRole('region', { name: '待发的批次' });
    await lots.getByText(/板栗/).first().waitFor();
    expect(await lots.textContent()).not.toMatch(/CHESTNUT|\bkg\b/);
  });

  test('the whole menu is on the screen, every screen one or two taps from the start, none wider than the phone', async () => {
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: 'GLASSES-READ-2', qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    await api('POST', `/v1/orders/${order.orderId}/arrive`);
    const page = await signIn();
    const nav = page.getByRole('navigation', { name: '主菜单' });
    const sections = [
      ['下单', '帮村民下单'],
      ['村民', '村民'],
      ['订单', '订单'],
      ['配送', '配送'],
      ['收农产品', '卖农产品'],
      ['缴费', '缴费'],
      ['安装售后', '安装和售后'],
      ['现金', '现金'],
    ] as const;
    // One tap: every section's link is on the first screen, inside the phone's width.
    for (const [link] of sections) {
      const box = (await nav.getByRole('link', { name: link, exact: true }).boundingBox())!;
      expect(box.x, link).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, link).toBeLessThanOrEqual(360);
      expect(box.y + box.height, link).toBeLessThanOrEqual(800);
    }
    expect(await nav.evaluate((n) => n.scrollWidth <= n.clientWidth)).toBe(true);
    await shot(page, 'partner-menu-360');
    for (const [link, heading] of sections) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoSidewaysScroll(page, link);
    }
    // Two taps: an order from its list, a bill's receipt from today's list.
    await nav.getByRole('link', { name: '订单', exact: true }).click();
    await page.locator('ul.orders li a').first().click();
    await page.getByRole('heading', { name: '订单', level: 1 }).waitFor();
    await expectNoSidewaysScroll(page, 'an order');
    await api('POST', `/v1/stations/${demo.station}/bill-payments`, { billerCode: 'CMCC', accountNo: '13900001111', amountFen: 1_000 });
    await nav.getByRole('link', { name: '缴费', exact: true }).click();
    await page.getByRole('region', { name: '今天的缴费' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: '缴费凭条' }).waitFor();
    await expectNoSidewaysScroll(page, 'a bill receipt');
  });

  test('money words that do not mislead: a return says its amount, a cancelled order earns nothing, a claimed order says so', async () => {
    // An air conditioner paid in cash, handed over, a claim opened from its page.
    const placed = await fillDrawer();
    await api('POST', `/v1/orders/${placed.orderId}/arrive`);
    await api('POST', `/v1/orders/${placed.orderId}/pickup`, { deliveryCode: await site.deliveryCode(placed) });
    const before = await api('GET', `/v1/stations/${demo.station}/cash`);
    const page = await signIn(`#/orders/${placed.orderId}`);
    await page.getByLabel('什么毛病').fill('不制冷');
    await page.locator('button[type=submit]', { hasText: '登记售后（三包）' }).click();
    await page
      .getByText(/已登记售后。/)
      .first()
      .waitFor();
    await page.getByText('这个订单的保修商品都已登记过售后（见下面）。').waitFor();
    expect(await page.getByText('这个订单没有在保修里的商品').count()).toBe(0);

    // Resolved by a return: the confirmation names what leaves the drawer.
    const claim = page.locator('li.claim', { hasText: '不制冷' });
    await claim.getByLabel('退货退款').check();
    await claim.locator('button[type=submit]', { hasText: '就这样处理' }).click();
    const ask = page.getByRole('alertdialog', { name: '请确认' });
    expect(await ask.textContent()).toContain('运营批准后，从钱箱拿出 ¥3,900.00 退给村民');
    await shot(page, 'partner-claim-return-360');
    await ask.getByRole('button', { name: '确定' }).click();
    // A partner's return waits for an operator: nothing has moved yet.
    await page
      .getByText(/要等运营确认质量问题/)
      .first()
      .waitFor();
    expect((await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(before.drawerFen);
    const waiting = await api('GET', `/v1/stations/${demo.station}/claims?status=AWAITING_APPROVAL&limit=100`);
    const claimId = waiting.items.find((c: { orderId: string }) => c.orderId === placed.orderId).claimId;
    await opsApi('POST', `/v1/claims/${claimId}/approve`, {});
    expect(await api('GET', `/v1/orders/${placed.orderId}`)).toMatchObject({ refundedFen: 390_000 });
    expect((await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(before.drawerFen - 390_000);

    // A cancelled order shows no commission as the partner's.
    const cancelled = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.sku, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    await page.goto(`${site.url}/partner/#/orders/${cancelled.orderId}`);
    await page.getByRole('button', { name: '取消订单', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定' }).click();
    await page.getByText('订单已取消').first().waitFor();
    await page.getByRole('region', { name: '已取消' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('您的佣金');
    expect(await api('GET', `/v1/orders/${cancelled.orderId}`)).toMatchObject({ status: 'CANCELLED', commissionEarnedFen: 0 });

    // The villager's quote: what they get, and the station's fee said apart, never beside it as a deduction.
    const { villagerId: seller } = await register(`报价${stamp()}`);
    await page.goto(`${site.url}/partner/#/produce`);
    const sellerName = (await api('GET', `/v1/stations/${demo.station}/villagers/${seller}`)).name;
    await page.getByLabel('姓名或手机号').fill(sellerName);
    await page.getByRole('listitem').filter({ hasText: sellerName }).getByRole('button', { name: '选这位' }).click();
    await page.getByLabel('农产品').selectOption({ label: '板栗' });
    await page.getByLabel('毛重（公斤）').fill('10');
    await page.getByRole('button', { name: '算一算' }).click();
    const quote = page.locator('.quote');
    await quote.getByTestId('quote-amount').waitFor();
    expect(await quote.locator('dl').textContent()).not.toContain('手续费');
    expect(await quote.textContent()).toContain('付给村民 ¥120.00');
    expect(await quote.locator('.fee-apart').textContent()).toBe('另：平台付给服务站手续费 ¥5.00，不从村民的钱里扣。');

    // The demo catalogue's gas stove and electric tricycle carry a warranty.
    for (const sku of ['GAS-STOVE-2', 'TRICYCLE-EV-12']) expect((await api('GET', `/v1/products/${sku}`)).warrantyDays, sku).toBe(365);
  });

  test('a tap on 确定 and a reload in the same instant still take the payment, once', async () => {
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    const page = await signIn(`#/orders/${order.orderId}`);
    await page.getByLabel('收款金额（元）').fill('50');
    await page.getByRole('button', { name: '收款', exact: true }).click();
    await page.getByRole('alertdialog').waitFor();
    await page.evaluate(() => {
      [...document.querySelectorAll<HTMLButtonElement>('[role=alertdialog] button')].find((b) => b.textContent === '确定')!.click();
      location.reload();
    });
    await page.getByRole('navigation').waitFor();
    await expect.poll(async () => (await api('GET', `/v1/orders/${order.orderId}`)).paidFen, { timeout: 30_000 }).toBe(5_000);
    await page.reload();
    await page.getByRole('navigation').waitFor();
    await page.waitForLoadState('networkidle');
    const entries = (await api('GET', `/v1/stations/${demo.station}/cash/entries?limit=100`)).items.filter(
      (e: { orderId?: string; kind: string }) => e.orderId === order.orderId && e.kind === 'PAYMENT',
    );
    expect(entries).toHaveLength(1);
  });

  test('the 缴费 screen names the villager who pays, and erasing them reaches the number typed there', async () => {
    const name = `缴费人${stamp()}`;
    const { villagerId } = await register(name);
    const page = await signIn('#/bills');
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await page.getByLabel('中国移动').check();
    await page.getByLabel('手机号').fill(phone);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('户名').waitFor();
    await page.getByText('哪位村民缴费（可以不选）').click();
    await page.getByLabel('姓名或手机号').fill(name);
    await page.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: '选这位' }).click();
    await page.getByText(`缴费人：${name}`).waitFor();
    await page.getByLabel('充值金额（元）').fill('25');
    await expectNoSidewaysScroll(page, 'bills with a villager');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'partner-bill-villager-360');
    await page.getByRole('button', { name: '收款并缴费' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定' }).click();
    await page.getByRole('heading', { name: '缴费凭条' }).waitFor();
    await page.locator('.bill-receipt .notice', { hasText: '缴费成功' }).waitFor();
    const billPaymentId = new URL(page.url()).hash.split('/').at(-1)!;
    expect(await api('GET', `/v1/bill-payments/${billPaymentId}`)).toMatchObject({ villagerId, accountNo: phone, status: 'PAID' });

    await api('DELETE', `/v1/stations/${demo.station}/villagers/${villagerId}`);
    const erased = await api('GET', `/v1/bill-payments/${billPaymentId}`);
    expect(erased.accountMasked).toBe(true);
    expect(erased.accountNo).not.toContain(phone.slice(0, 7));
  });

  test('a receipt prints on the 58 mm printer, 16 characters a line, and the form says how to print without a dialog', async () => {
    const page = await signIn();
    await placeRadioOrder(page, '王秀英');
    await page.getByText('怎样在店里电脑上直接打小票').click();
    expect(await page.getByText(/--kiosk-printing/).textContent()).toContain('58 毫米');
    await page.emulateMedia({ media: 'print' });
    const { width, fontSize, overflow, hidden } = await page.evaluate(() => {
      const receipt = document.querySelector<HTMLElement>('.receipt')!;
      const style = getComputedStyle(receipt);
      return {
        width: receipt.getBoundingClientRect().width,
        fontSize: parseFloat(style.fontSize),
        overflow: receipt.scrollWidth - receipt.clientWidth,
        hidden: [...document.querySelectorAll<HTMLElement>('header.top, .print-how, .no-print')].every((e) => getComputedStyle(e).display === 'none'),
      };
    });
    const mm = 96 / 25.4;
    expect(width).toBeLessThanOrEqual(58 * mm);
    expect(Math.floor(width / fontSize + 0.01)).toBe(16);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(hidden).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });
});
