import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { demoId } from '#scripts/local/demo-data.ts';
import { issueToken } from '#scripts/local/tokens.ts';
import { demo, siteApi } from '../support/site-api.ts';

const site = useSite();
const api = siteApi(() => site.url);
const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });

async function signIn(width: number, hash = '') {
  const page = await site.page(width);
  await page.goto(`${site.url}/partner/${hash}`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await page.getByRole('navigation').waitFor();
  return page;
}

/** Every problem shown on the screen: the form's notices and the messages next to fields. */
const problemsShown = (page: Page) => page.locator('.notice.error, .field .error').allTextContents();
/** What a Chinese form must never show a partner: a run of Latin words, or an amount in fen. */
const latinSentence = /[A-Za-z]{3,}\s+[A-Za-z]{2,}/;
function expectChinese(texts: string[]) {
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(text, text).not.toMatch(latinSentence);
    expect(text, text).not.toMatch(/\bfen\b|分钱/i);
  }
}

/** A tap that gets past the button however it looks (disabled or not), as a fast second finger would. */
const submitAgain = (page: Page, button: string) =>
  page.evaluate((name) => {
    const found = [...document.querySelectorAll<HTMLButtonElement>('form button[type=submit]')].find((b) => b.textContent?.includes(name));
    found?.closest('form')?.requestSubmit();
  }, button);

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

const cashOf = () => api('GET', `/v1/stations/${demo.station}/cash`);
const entriesOf = async (orderId: string, kind: string) =>
  (await api('GET', `/v1/stations/${demo.station}/cash/entries?limit=100`)).items.filter(
    (e: { orderId?: string; kind: string }) => e.orderId === orderId && e.kind === kind,
  );

describe('the partner form', () => {
  afterEach(() => {
    site.cut = false;
  });

  test('a partner signs in, registers a villager and places an order paid in cash: change is worked out, the drawer takes the price', async () => {
    const before = await cashOf();
    const page = await signIn(360);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '村民' }).click();
    await page.getByLabel('姓名', { exact: true }).fill('赵大勇');
    await page.getByLabel('手机号（可不填）').fill('13912340001');
    await page.getByLabel('村', { exact: true }).selectOption({ label: '大田村' });
    await page.getByLabel('村民同意登记个人信息').check();
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('赵大勇 已登记').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('姓名或手机号').fill('赵');
    await page.getByRole('listitem').filter({ hasText: '赵大勇' }).getByRole('button', { name: '为他下单' }).click();
    await page.getByText('赵大勇').first().waitFor();
    await page.getByLabel('搜索商品').fill('空调');
    await page.getByRole('button', { name: '加入 美的 2匹 立式柜机空调' }).click();
    // Before confirming: total, the villager's saving against the county store, the partner's commission.
    const summary = page.getByRole('region', { name: '核对' });
    await summary.getByText('¥60.00').waitFor(); // the station's 30% of the 200-yuan margin
    expect(await summary.textContent()).toContain('¥3,900.00');
    expect(await summary.textContent()).toContain('¥600.00');
    // The villager hands over 4,000 yuan, typed as a phone keyboard gives it: the form works out the change.
    await page.getByLabel('村民给的现金（元）').fill('４０００元');
    await summary.getByText('找零').waitFor();
    expect(await summary.textContent()).toMatch(/找零¥100\.00/);
    expect(await summary.textContent()).toMatch(/放进钱箱¥3,900\.00/);
    await summary.scrollIntoViewIfNeeded();
    await shot(page, 'partner-order-360');
    await page.getByRole('button', { name: '确认下单' }).click();

    // The villager gave a phone: the code goes to it by SMS, and the receipt says where, never the code.
    await page.locator('.receipt .code-sent').getByText('尾号 0001').waitFor();
    expect(await page.locator('.receipt .code').count()).toBe(0);
    const orderId = new URL(page.url()).hash.split('/').at(-1)!;
    const deliveryCode = await site.codeOf(orderId);
    expect(deliveryCode).toMatch(/^\d{6}$/);
    expect(await page.content()).not.toContain(deliveryCode);
    // The receipt carries the number the order is found by.
    expect(await page.locator('.receipt-no').textContent()).toBe(orderId.slice(-6));
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'partner-receipt-360');

    const order = await api('GET', `/v1/orders/${orderId}`);
    expect(order).toMatchObject({ status: 'PLACED', totalFen: 390_000, paidFen: 390_000, outstandingFen: 0 });
    // docs/rules.md "Delivery codes": the code is on the receipt only, never in an order read.
    expect(order).not.toHaveProperty('deliveryCode');
    const villager = await api('GET', `/v1/stations/${demo.station}/villagers/${order.villagerId}`);
    expect(villager).toMatchObject({ name: '赵大勇', phone: '13912340001' });
    expect((await cashOf()).drawerFen - before.drawerFen).toBe(390_000);

    // At hand-over the villager shows the SMS: the order is found by its receipt number, handed over with the code.
    await api('POST', `/v1/orders/${orderId}/arrive`);
    await page.getByRole('navigation').getByRole('link', { name: '订单' }).click();
    await page.getByLabel('找订单').fill(orderId.slice(-6));
    await page.locator('ul.orders li', { hasText: '赵大勇' }).waitFor();
    expect(await page.locator('ul.orders li').count()).toBe(1);
    await page.goto(`${site.url}/partner/#/orders/${orderId}`);
    // The order says its code's message reached the villager's phone (the gateway's receipt came back).
    await page.getByRole('region', { name: '给村民的短信' }).getByText('村民手机已收到').waitFor();
    await page.getByLabel('取货码').fill(deliveryCode);
    await page.getByRole('button', { name: '交货', exact: true }).click();
    await page.getByText('已交货').first().waitFor();
    expect(await api('GET', `/v1/orders/${orderId}`)).toMatchObject({ status: 'PICKED_UP' });
  });

  test('cash on delivery takes nothing now; the run sheet and the stop collect the total, prefilled even after a reload', async () => {
    const page = await signIn(360);
    await page.getByLabel('姓名或手机号').fill('张桂兰');
    await page.getByRole('listitem').filter({ hasText: '张桂兰' }).getByRole('button', { name: '选择' }).click();
    await page.getByLabel('搜索商品').fill('花生油');
    await page.getByRole('button', { name: '加入 花生油 5升' }).click();
    // 现在收现金 used to keep the total after switching to cash on delivery, and the order was recorded as paid.
    await page.getByLabel('货到付现金').check();
    await page.getByLabel('送货到家').check();
    expect(await page.getByLabel('村民给的现金（元）').count()).toBe(0);
    const summary = page.getByRole('region', { name: '核对' });
    await summary.getByText('¥129.90').first().waitFor();
    expect(await summary.textContent()).toMatch(/放进钱箱¥0\.00/);
    expect(await summary.textContent()).toMatch(/交货时收¥129\.90/);
    await page.getByRole('button', { name: '确认下单' }).click();
    const code = (await page.locator('.receipt .code').textContent())!;
    const orderId = new URL(page.url()).hash.split('/').at(-1)!;
    expect(await api('GET', `/v1/orders/${orderId}`)).toMatchObject({ paymentMode: 'CASH_ON_DELIVERY', totalFen: 12_990, paidFen: 0, outstandingFen: 12_990 });

    await api('POST', `/v1/orders/${orderId}/arrive`);
    // On the same trip, chestnuts to collect in her village.
    const task = await api('POST', `/v1/stations/${demo.station}/tasks`, {
      villageId: demoId('village', 13),
      date: '2026-12-30',
      kind: 'PRODUCE',
      weightKg: 20,
      note: '板栗',
    });
    await page.getByRole('link', { name: '配送' }).click();
    await page.getByLabel('日期').fill('2026-12-30');
    await page.getByRole('button', { name: '安排配送' }).click();
    await page.getByRole('button', { name: '出发' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'partner-run-360');
    await page.getByRole('link', { name: '配送单' }).click();
    await page.getByRole('heading', { name: /配送单/ }).waitFor();
    expect(await page.locator('.sheet').textContent()).toContain('张桂兰');
    expect(await page.locator('.sheet').textContent()).toContain('应收现金 ¥129.90');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '回到配送' }).click();
    await page.getByRole('button', { name: '出发' }).click();
    await page.getByLabel('取货码').waitFor();
    expect(await page.getByLabel('现在收现金（元）').inputValue()).toBe('129.90');
    await page.reload();
    await page.getByLabel('取货码').waitFor();
    expect(await page.getByLabel('现在收现金（元）').inputValue()).toBe('129.90');
    await page.getByLabel('取货码').fill(code);
    // Produce weighed and entered is produce collected, ticked or not (it used to be dropped without a word).
    await page.getByLabel('收了多少公斤').fill('１２.５公斤');
    expect(await page.getByLabel('已完成').isChecked()).toBe(true);
    await page.getByRole('button', { name: '这一站完成' }).click();
    // It says what goes into the drawer before it is done.
    const ask = page.getByRole('alertdialog', { name: '请确认' });
    expect(await ask.textContent()).toContain('¥129.90');
    await ask.getByRole('button', { name: '确定' }).click();
    await page.locator('ol.stops p', { hasText: '已完成' }).first().waitFor();
    expect(await api('GET', `/v1/orders/${orderId}`)).toMatchObject({ status: 'DELIVERED', paidFen: 12_990, outstandingFen: 0 });
    const tasks = (await api('GET', `/v1/stations/${demo.station}/tasks?date=2026-12-30`)).items;
    expect(tasks.find((x: { taskId: string }) => x.taskId === task.taskId)).toMatchObject({ status: 'DONE', outcome: { done: true, collectedKg: 12.5 } });
  });

  test('the form opens in a dead zone after one visit, showing the data last loaded', async () => {
    const page = await signIn(360, '#/villagers');
    await offlineReady(page);
    await page.getByRole('listitem').filter({ hasText: '王秀英' }).waitFor();
    await page.getByRole('link', { name: '订单' }).click();
    await page.getByRole('button', { name: '已到站' }).waitFor();
    await page.waitForLoadState('networkidle');

    await deadZone(page, true);
    await page.goto(`${site.url}/partner/#/villagers`);
    await page.getByRole('navigation').waitFor();
    await page.getByRole('listitem').filter({ hasText: '王秀英' }).waitFor();
    await page.getByText(/没有网络：显示的是 .* 的数据。/).waitFor();
    await page.getByRole('link', { name: '订单' }).click();
    await page.locator('ul.orders li').first().waitFor();
    expect(await problemsShown(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await deadZone(page, false);
  });

  test('offline, a double tap places one order; a tap, a reload and a tap still one; the receipt appears once it is sent', async () => {
    const started = new Date().toISOString();
    const page = await signIn(360);
    await offlineReady(page);
    await page.getByLabel('姓名或手机号').fill('李建国');
    await page.getByRole('listitem').filter({ hasText: '李建国' }).getByRole('button', { name: '选择' }).click();
    await page.getByLabel('搜索商品').fill('收音机');
    await page.getByRole('button', { name: '加入 插卡收音机 听戏机' }).click();
    await page.getByRole('region', { name: '核对' }).getByText('¥5.10').waitFor(); // 30% of the 17-yuan margin

    await deadZone(page, true);
    // Two taps in the same instant: the second finds the form already locked.
    await page.evaluate(() => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === '确认下单')!;
      button.click();
      button.click();
    });
    await page.getByText('已保存，网络恢复后自动发送。').waitFor();
    await page.getByText('有 1 项待发送').waitFor();
    await submitAgain(page, '等网络发送');
    expect(await page.getByRole('button', { name: '等网络发送…' }).isDisabled()).toBe(true);
    await shot(page, 'partner-offline-360');

    // Reloaded in the dead zone: the form opens from the service worker, locked as it was, and a tap adds nothing.
    await page.reload();
    await page.getByText('有 1 项待发送').waitFor();
    await page.getByText('李建国').first().waitFor();
    await page.getByText('插卡收音机 听戏机').first().waitFor();
    await submitAgain(page, '等网络发送');
    await page.getByText('有 1 项待发送').waitFor();

    await deadZone(page, false);
    // 李建国 hears by SMS: the receipt says where his code went.
    await page.locator('.receipt .code-sent').getByText('尾号 3456').waitFor({ timeout: 40_000 });
    const mine = (await api('GET', `/v1/stations/${demo.station}/orders?limit=100`)).items.filter(
      (o: { villagerName?: string; placedAt: string; lines: { sku: string }[] }) =>
        o.villagerName === '李建国' && o.placedAt >= started && o.lines.some((l) => l.sku === 'RADIO-OPERA'),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ paidFen: 8_900 });
  });

  test('a payment taken in a dead zone, tapped twice and again after a reload, is taken once when the network is back', async () => {
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    const page = await signIn(360, `#/orders/${order.orderId}`);
    await offlineReady(page);
    await page.getByLabel('收款金额（元）').fill('50');
    await deadZone(page, true);
    await page.getByRole('button', { name: '收款', exact: true }).click();
    const ask = page.getByRole('alertdialog', { name: '请确认' });
    expect(await ask.textContent()).toContain('¥50.00');
    await ask.getByRole('button', { name: '确定' }).click();
    await page.getByText('有 1 项待发送').waitFor();
    await page.getByText('已保存，网络恢复后自动发送。').waitFor();
    await submitAgain(page, '等网络发送');
    await page.reload();
    await page.getByText('有 1 项待发送').waitFor();
    // The form is shown locked, as it was sent.
    await page.getByRole('button', { name: '等网络发送…' }).waitFor();
    expect(await page.getByLabel('收款金额（元）').inputValue()).toBe('50');
    expect(await page.getByLabel('收款金额（元）').isDisabled()).toBe(true);
    await submitAgain(page, '等网络发送');
    expect((await api('GET', `/v1/orders/${order.orderId}`)).paidFen).toBe(0);

    await deadZone(page, false);
    await page.getByText('有 1 项待发送').waitFor({ state: 'detached', timeout: 40_000 });
    await page
      .getByText(/已收款/)
      .first()
      .waitFor();
    expect((await api('GET', `/v1/orders/${order.orderId}`)).paidFen).toBe(5_000);
    await page.reload();
    await page.getByRole('navigation').waitFor();
    expect(await entriesOf(order.orderId, 'PAYMENT')).toHaveLength(1);
  });

  test('a command queued by the previous version of the form (before intents) is still sent once after the update', async () => {
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    const page = await site.page(360);
    // Any page of the origin will do to leave what the old form left: a session, and a payment in its v1 queue.
    await page.goto(`${site.url}/config.json`);
    const token = await issueToken({ role: 'partner', stationId: demo.station, sub: 'e2e-old-form' });
    await page.evaluate(
      async ({ token, station, orderId }) => {
        localStorage.setItem(
          'session:partner',
          JSON.stringify({ token, role: 'partner', stationId: station, name: '店主', expiresAt: Date.now() + 3_600_000 }),
        );
        await new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('village-station', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('commands', { keyPath: 'key' });
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('commands', 'readwrite');
            tx.objectStore('commands').put({
              key: crypto.randomUUID(),
              method: 'POST',
              path: `/v1/orders/${orderId}/payments`,
              body: { amountFen: 2_000 },
              label: '收款 ¥20.00',
              createdAt: Date.now(),
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
          };
        });
      },
      { token, station: demo.station, orderId: order.orderId },
    );
    await page.goto(`${site.url}/partner/#/orders/${order.orderId}`);
    await page.getByRole('navigation').waitFor();
    await expect.poll(async () => (await api('GET', `/v1/orders/${order.orderId}`)).paidFen, { timeout: 20_000 }).toBe(2_000);
    await page.reload();
    await page.getByRole('navigation').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await entriesOf(order.orderId, 'PAYMENT')).toHaveLength(1);
  });

  test('cancel, return and remittance say how much leaves the drawer before it is done, and what happened after', async () => {
    const paid = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 8_990,
    });
    const page = await signIn(360, `#/orders/${paid.orderId}`);
    await page.getByRole('button', { name: '取消订单', exact: true }).click();
    let ask = page.getByRole('alertdialog', { name: '请确认' });
    expect(await ask.textContent()).toContain('从钱箱拿出 ¥89.90 退给村民');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'partner-confirm-360');
    expect((await api('GET', `/v1/orders/${paid.orderId}`)).status).toBe('PLACED');
    await ask.getByRole('button', { name: '确定' }).click();
    await page.getByText('订单已取消，已从钱箱退给村民 ¥89.90。').first().waitFor();
    expect(await api('GET', `/v1/orders/${paid.orderId}`)).toMatchObject({ status: 'CANCELLED', refundedFen: 8_990 });

    // A return offers only what can come back: rice has no returns, the radio has seven days.
    const kept = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [
        { sku: demo.rice, qty: 1 },
        { sku: 'RADIO-OPERA', qty: 2 },
      ],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 8_990 + 2 * 8_900,
    });
    await api('POST', `/v1/orders/${kept.orderId}/arrive`);
    await api('POST', `/v1/orders/${kept.orderId}/pickup`, { deliveryCode: await site.deliveryCode(kept) });
    await page.goto(`${site.url}/partner/#/orders/${kept.orderId}`);
    await page.getByRole('heading', { name: '退货', level: 3 }).waitFor();
    expect(await page.getByLabel(/五常大米/).count()).toBe(0);
    await page.getByLabel('插卡收音机 听戏机 退几件（最多 2）').fill('1');
    await page.getByLabel('原因').fill('声音太小');
    await page.getByRole('button', { name: '退货', exact: true }).click();
    ask = page.getByRole('alertdialog', { name: '请确认' });
    expect(await ask.textContent()).toContain('¥89.00');
    expect((await api('GET', `/v1/orders/${kept.orderId}`)).refundedFen).toBe(0);
    await ask.getByRole('button', { name: '确定' }).click();
    await page.getByText('已退货，已从钱箱退给村民 ¥89.00。').first().waitFor();
    expect((await api('GET', `/v1/orders/${kept.orderId}`)).refundedFen).toBe(8_900);

    const before = await cashOf();
    await page.getByRole('link', { name: '现金' }).click();
    await page.getByLabel('交款金额（元）').fill('10');
    await page.getByLabel('凭证号').fill('BANK-0001');
    await page.getByRole('button', { name: '交款', exact: true }).click();
    ask = page.getByRole('alertdialog', { name: '请确认' });
    expect(await ask.textContent()).toContain('从钱箱拿出 ¥10.00 交给平台');
    expect((await cashOf()).drawerFen).toBe(before.drawerFen);
    await ask.getByRole('button', { name: '确定' }).click();
    await page.getByText(/已交款，钱箱里现在有 ¥[\d,]+\.\d\d/).waitFor();
    expect((await cashOf()).drawerFen).toBe(before.drawerFen - 1_000);

    // A count one yuan short is said as bad news, not in green.
    const expected = (await cashOf()).drawerFen;
    await page.getByLabel('数出来的现金（元）').fill(((expected - 100) / 100).toFixed(2));
    await page.getByLabel('差额原因').fill('少了一块');
    await page.getByRole('button', { name: '日结盘点', exact: true }).click();
    const counted = page.locator('.notice', { hasText: '差额 -¥1.00' });
    await counted.waitFor();
    expect(await counted.getAttribute('class')).toContain('error');
  });

  test('every problem on every screen is said in Chinese, amounts in yuan, next to the field it concerns', async () => {
    const page = await signIn(1280, '#/villagers');
    await page.getByLabel('姓名', { exact: true }).fill('孙小梅');
    await page.getByLabel('手机号（可不填）').fill('12345');
    await page.getByLabel('村民同意登记个人信息').check();
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const phone = page.getByLabel('手机号（可不填）');
    await page.locator('.field.has-error').waitFor();
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await phone.getAttribute('aria-describedby'))!.split(' ');
    const errorText = await page.locator(`#${describedBy.find((id) => id.endsWith('-error'))}`).textContent();
    // It used to say "Use an 11-digit mainland mobile number" inside the Chinese form.
    expect(errorText).toBe('请填 11 位手机号，例如 13800138000。');
    expectChinese(await problemsShown(page));

    // The order form, before anyone is chosen.
    await page.getByRole('link', { name: '下单' }).click();
    await page.getByRole('button', { name: '确认下单' }).click();
    await page.getByText('请选择村民。').first().waitFor();
    expectChinese(await problemsShown(page));

    // Payments: an amount that is not one, then more than is owed (the API's answer, in yuan).
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    await page.goto(`${site.url}/partner/#/orders/${order.orderId}`);
    await page.getByLabel('收款金额（元）').fill('五十');
    await page.getByRole('button', { name: '收款', exact: true }).click();
    await page.getByText('请填金额，例如 29、29.5 或 29元。').first().waitFor();
    expectChinese(await problemsShown(page));
    await page.getByLabel('收款金额（元）').fill('1000');
    await page.getByRole('button', { name: '收款', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定' }).click();
    await page.getByText('这个订单只欠 ¥89.90。').waitFor();
    await page.getByText('最多 ¥89.90。').waitFor();
    expectChinese(await problemsShown(page));

    // Hand-over with a wrong code: the API's refusal, and the field it names.
    await api('POST', `/v1/orders/${order.orderId}/payments`, { amountFen: 8_990 });
    await api('POST', `/v1/orders/${order.orderId}/arrive`);
    await page.reload();
    await page.getByLabel('取货码').fill((await site.deliveryCode(order)) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '交货', exact: true }).click();
    await page
      .getByText(/取货码不对。再错 4 次订单就会锁定。/)
      .first()
      .waitFor();
    await page.getByText('不是这个订单的取货码。').waitFor();
    expectChinese(await problemsShown(page));
    // A refusal applied nothing: the right code, sent again, hands over.
    await page.getByLabel('取货码').fill(await site.deliveryCode(order));
    await page.getByRole('button', { name: '交货', exact: true }).click();
    await page.getByText('已交货').first().waitFor();

    // Cash: a remittance above the drawer, a count that differs without a reason.
    await page.getByRole('link', { name: '现金' }).click();
    await page.getByLabel('交款金额（元）').fill('99999999');
    await page.getByLabel('凭证号').fill('X-1');
    await page.getByRole('button', { name: '交款', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定' }).click();
    await page
      .getByText(/钱箱里只有 ¥[\d,]+\.\d\d，交款不能比这个多。/)
      .first()
      .waitFor();
    expectChinese(await problemsShown(page));
    await page.getByLabel('数出来的现金（元）').fill('1');
    await page.getByRole('button', { name: '日结盘点', exact: true }).click();
    await page
      .getByText(/钱箱应有 ¥[\d,]+\.\d\d，您数出 ¥1\.00：请写明原因/)
      .first()
      .waitFor();
    expectChinese(await problemsShown(page));
    expect(await seriousViolations(page)).toEqual([]);

    // Delivery: a load that is not a number.
    await page.getByRole('link', { name: '配送' }).click();
    await page.getByLabel('三轮车能装多少公斤').fill('很多');
    await page.getByRole('button', { name: '安排配送' }).click();
    await page.getByText('请填重量（公斤），例如 12.5。').first().waitFor();
    expectChinese(await problemsShown(page));

    // The same form speaks English from its toggle, and so do the API's answers.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Cash' }).click();
    await page.getByLabel('Amount (yuan)').fill('99999999');
    await page.getByLabel('Reference').fill('X-2');
    await page.getByRole('button', { name: 'Remit', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, go ahead' }).click();
    await page
      .getByText(/The drawer holds ¥[\d,]+\.\d\d; you cannot remit more than that\./)
      .first()
      .waitFor();
    await page.getByRole('button', { name: '中文' }).click();
  });

  test('an order is found by the villager’s name, phone or receipt number', async () => {
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: 'GLASSES-READ-2', qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    const page = await signIn(1280, '#/orders');
    const search = page.getByLabel('找订单');
    const rows = page.locator('ul.orders li');
    for (const query of ['王秀英', '13857812345', order.orderId.slice(-6)]) {
      await search.fill(query);
      await rows.filter({ hasText: '老花镜 +2.0' }).first().waitFor();
      const texts = await rows.allTextContents();
      for (const text of texts) expect(text).toContain('王秀英');
    }
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(order.orderId.slice(-6));
    expect(await seriousViolations(page)).toEqual([]);
    await search.fill('王秀英');
    await rows.nth(1).waitFor();
    await shot(page, 'partner-orders-1280');
    // Back to a status: the latest answer is the one shown, whatever order the answers came in.
    await search.fill('');
    await page.getByRole('button', { name: '已下单' }).click();
    await rows.filter({ hasText: '老花镜 +2.0' }).first().waitFor();
  });

  test('the screens at 1280 use two columns, pass axe, and do not shift as they load (CLS < 0.1)', async () => {
    const page = await site.page(1280);
    await page.addInitScript(() => {
      const w = window as unknown as { shift: number };
      w.shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${site.url}/partner/`);
    await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
    await page.getByRole('navigation').waitFor();
    for (const [hash, name] of [
      ['#/order', 'partner-order-1280'],
      ['#/cash', 'partner-cash-1280'],
      ['#/delivery', 'partner-delivery-1280'],
    ] as const) {
      await page.goto(`${site.url}/partner/${hash}`);
      await page.reload();
      await page.getByRole('navigation').waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const shift = await page.evaluate(() => (window as unknown as { shift: number }).shift);
      expect(shift, hash).toBeLessThan(0.1);
      expect(await seriousViolations(page), hash).toEqual([]);
      await shot(page, name);
    }
    // Two columns of cards side by side on the shop PC.
    await page.goto(`${site.url}/partner/#/order`);
    const boxes = await page.locator('main > section.card').evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().left));
    expect(new Set(boxes.map(Math.round)).size).toBe(2);
  });
});
