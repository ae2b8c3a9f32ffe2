import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { issueToken } from '#scripts/local/tokens.ts';
import { demo, siteApi } from '../support/site-api.ts';

const site = useSite();
const api = siteApi(() => site.url);
const partnerToken = () => issueToken({ role: 'partner', stationId: demo.station, sub: 'e2e-checker' });
const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });

async function signIn(width: number, hash = '') {
  const page = await site.page(width);
  await page.goto(`${site.url}/partner/${hash}`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await page.getByRole('navigation').waitFor();
  return page;
}

describe('the partner form', () => {
  test('a partner signs in, registers a villager, places an order and takes the cash: the API shows the order and the drawer', async () => {
    const before = await api('GET', `/v1/stations/${demo.station}/cash`);
    const page = await signIn(360);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'partner-order-360');

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
    expect(await page.getByLabel('现在收现金（元）').inputValue()).toBe('3900.00');
    await page.getByRole('button', { name: '确认下单' }).click();

    const code = page.locator('.receipt .code');
    await code.waitFor();
    expect(await code.textContent()).toMatch(/^\d{6}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'partner-receipt-360');
    const orderId = new URL(page.url()).hash.split('/').at(-1)!;

    const order = await api('GET', `/v1/orders/${orderId}`);
    expect(order).toMatchObject({ status: 'PLACED', totalFen: 390_000, paidFen: 390_000, outstandingFen: 0 });
    // SPEC §3: the code is on the receipt only, never in an order read.
    expect(order).not.toHaveProperty('deliveryCode');
    const villager = await api('GET', `/v1/stations/${demo.station}/villagers/${order.villagerId}`);
    expect(villager).toMatchObject({ name: '赵大勇', phone: '13912340001' });
    const after = await api('GET', `/v1/stations/${demo.station}/cash`);
    expect(after.drawerFen - before.drawerFen).toBe(390_000);

    // After a reload the page no longer knows the code: a reprint issues a new one, and the old one stops working.
    const first = (await code.textContent())!;
    await page.reload();
    await page.getByRole('button', { name: '重新打印（换新取货码）' }).click();
    await code.waitFor();
    const reprinted = (await code.textContent())!;
    expect(reprinted).toMatch(/^\d{6}$/);
    expect(await seriousViolations(page)).toEqual([]);
    expect((await api('GET', `/v1/orders/${orderId}`)).receiptsIssued).toBe(2);
    await api('POST', `/v1/orders/${orderId}/arrive`);
    if (first !== reprinted) {
      const refused = await fetch(`${site.url}/v1/orders/${orderId}/pickup`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await partnerToken()}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ deliveryCode: first }),
      });
      expect(refused.status).toBe(422);
    }
    expect(await api('POST', `/v1/orders/${orderId}/pickup`, { deliveryCode: reprinted })).toMatchObject({ status: 'PICKED_UP' });
  });

  test('an error from the API is shown in plain words next to the field it concerns', async () => {
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
    expect(errorText).toContain('11-digit mainland mobile number');
    // The same in English, from the toggle.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Phone (optional)').waitFor();
  });

  test('a payment taken while the network is cut waits, shown as pending, and is sent once when it comes back', async () => {
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    const page = await signIn(360, `#/orders/${order.orderId}`);
    await page.getByLabel('收款金额（元）').fill('50');
    await page.context().setOffline(true);
    await page.getByRole('button', { name: '收款' }).last().click();
    await page.getByText('有 1 项待发送').waitFor();
    await page.getByText('已保存，网络恢复后自动发送。').waitFor();
    await shot(page, 'partner-offline-360');
    expect((await api('GET', `/v1/orders/${order.orderId}`)).paidFen).toBe(0);

    await page.context().setOffline(false);
    await page.getByText('有 1 项待发送').waitFor({ state: 'detached' });
    expect((await api('GET', `/v1/orders/${order.orderId}`)).paidFen).toBe(5_000);
    // A reload (the queue is empty now) sends nothing more.
    await page.reload();
    await page.getByRole('navigation').waitFor();
    const entries = await api('GET', `/v1/stations/${demo.station}/cash/entries?limit=100`);
    expect(entries.items.filter((e: { orderId?: string; kind: string }) => e.orderId === order.orderId && e.kind === 'PAYMENT')).toHaveLength(1);
  });

  test('arrival and hand-over at the station with the code; the cash view and statement (every screen passes axe)', async () => {
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 2 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    const page = await signIn(1280, `#/orders/${order.orderId}`);
    await page.getByRole('button', { name: '标记已到站' }).click();
    await page.getByRole('heading', { name: '交货' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('取货码').fill(order.deliveryCode);
    expect(await page.getByLabel('现在收现金（元）').inputValue()).toBe('179.80');
    await page.getByRole('button', { name: '交货' }).click();
    await page.getByRole('heading', { name: '已取货' }).waitFor();
    expect((await api('GET', `/v1/orders/${order.orderId}`)).status).toBe('PICKED_UP');

    for (const [link, name] of [
      ['订单', 'partner-orders'],
      ['现金', 'partner-cash'],
      ['配送', 'partner-delivery'],
    ] as const) {
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: link, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), link).toEqual([]);
      await shot(page, `${name}-1280`);
    }
    const cash = await api('GET', `/v1/stations/${demo.station}/cash`);
    await page.getByRole('link', { name: '现金' }).click();
    await page
      .getByRole('region', { name: '现金情况' })
      .getByText(`¥${(cash.drawerFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`)
      .waitFor();
  });

  test('plan a delivery run, print its sheet, set off and record the stop', async () => {
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: demo.villager,
      lines: [{ sku: demo.rice, qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'HOME_DELIVERY',
    });
    await api('POST', `/v1/orders/${order.orderId}/arrive`);
    const page = await signIn(360, '#/delivery');
    await page.getByLabel('日期').fill('2026-12-30');
    await page.getByRole('button', { name: '安排配送' }).click();
    await page.getByRole('button', { name: '出发' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'partner-run-360');
    await page.getByRole('link', { name: '配送单' }).click();
    await page.getByRole('heading', { name: /配送单/ }).waitFor();
    expect(await page.locator('.sheet').textContent()).toContain('王秀英');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '回到配送' }).click();
    await page.getByRole('button', { name: '出发' }).click();
    await page.getByLabel('取货码').fill(order.deliveryCode);
    expect(await page.getByLabel('现在收现金（元）').inputValue()).toBe('89.90');
    await page.getByRole('button', { name: '这一站完成' }).click();
    await page.getByText('已完成').first().waitFor();
    expect(await api('GET', `/v1/orders/${order.orderId}`)).toMatchObject({ status: 'DELIVERED', paidFen: 8_990 });
  });
});
