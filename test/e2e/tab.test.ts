import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { demo, siteApi } from '../support/site-api.ts';

/**
 * docs/rules.md "The tab", through the partner form in Chromium at 360 px: the
 * villager consents by the code sent to their phone, an operator approves in
 * the console, a bag of fertiliser is sold on the tab with a code and a due date, a
 * chestnut weigh ticket repays it (payout TAB, the rest to the balance), and
 * the month's statement counts both.
 */
const site = useSite();
const api = siteApi(() => site.url);
const ops = siteApi(() => site.url, 'ops');
const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });

/** The code the stand-in gateway delivered to the villager's phone, as they would read it out. */
async function smsCode(phone: string, template: string, not: string[] = []): Promise<string> {
  for (let tries = 0; tries < 150; tries++) {
    const code = (await site.sms.messages(phone)).filter((m) => m.templateCode === template).at(-1)?.params.code;
    if (code && !not.includes(code)) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${template} reached ${phone}`);
}

describe('a tab until the harvest', () => {
  test('consent by code, ops approve, fertiliser sold on the tab, a chestnut ticket repays it, the statement counts it', async () => {
    const stamp = Date.now().toString(36).slice(-4);
    const name = `赊账${stamp}`;
    const phone = `137${String(Date.now()).slice(-8)}`;
    const station = await api('GET', `/v1/stations/${demo.station}`);
    const v = await api('POST', `/v1/stations/${demo.station}/villagers`, { name, phone, villageId: station.villages[0].villageId, consent: true });
    const statementBefore = await api('GET', `/v1/stations/${demo.station}/statements/${month()}`);

    const page = await site.page(360);
    await page.goto(`${site.url}/partner/#/villagers`);
    await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
    await page.getByRole('navigation').waitFor();
    await page.getByLabel('姓名或手机号').fill(name);
    await page.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: '赊账' }).click();
    await page.getByRole('heading', { name: `${name} 的赊账` }).waitFor();
    await page.getByText('这位村民还没有赊账额度').waitFor();

    // The consent: ¥500.00 asked, the code to the villager's phone, read out and typed in.
    await page.getByLabel('想要的额度（元）').fill('500');
    await page.getByRole('button', { name: '发确认码到村民手机' }).click();
    await page.getByText(`尾号 ${phone.slice(-4)}`).waitFor();
    const consentCode = await smsCode(phone, 'TAB_CONSENT_CODE');
    await page.getByLabel('村民念的确认码（6位数字）').fill(consentCode);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '提交给平台审核' }).click();
    await page.getByTestId('tab-waiting').waitFor();
    expect(await page.getByTestId('tab-waiting').textContent()).toContain('¥500.00');
    await shot(page, 'partner-tab-waiting-360');

    // An operator approves it in the console, on a page of their own.
    const pending = await ops('GET', '/v1/tab-requests?status=PENDING&limit=100');
    const request = pending.items.find((r: { villagerId: string }) => r.villagerId === v.villagerId);
    expect(request).toMatchObject({ status: 'PENDING', limitFen: 50_000 });
    const desk = await site.page(360);
    await desk.goto(`${site.url}/ops/`);
    await desk.getByRole('button', { name: /平台运营/ }).click();
    await desk.getByRole('heading', { name: '需要运营处理的事' }).waitFor();
    await desk.getByRole('navigation').getByRole('link', { name: '赊账审批' }).click();
    await desk.getByRole('heading', { name: '赊账审批', level: 1 }).waitFor();
    const asked = desk.locator(`[data-request="${request.requestId}"]`);
    await asked.getByRole('heading', { name: new RegExp(name) }).waitFor();
    await asked.getByLabel('批准的额度（元）').fill('500');
    await asked.getByRole('button', { name: '批准赊账' }).click();
    await desk.getByText(`已批准 ${name} 赊账，额度 ¥500.00。`).first().waitFor();
    await desk.close();
    await page.reload();
    await page.getByText('可以赊账：还能赊 ¥500.00。').waitFor();
    expect(await page.getByTestId('tab-waiting').count()).toBe(0);
    await page.locator('[data-request="APPROVED"]').getByText('已批准 ¥500.00').waitFor();

    // A bag of fertiliser (¥165.00) ordered on the form with 赊账 chosen: placed with nothing taken, then the order's page
    // sends the code and puts it on the tab with a due date.
    const drawerBefore = (await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen;
    await page.goto(`${site.url}/partner/#/order/${v.villagerId}`);
    await page.getByText(name).first().waitFor();
    await page.getByLabel('搜索商品').fill('复合肥');
    await page.getByRole('button', { name: '加入 复合肥 15-15-15 50公斤' }).click();
    await page.getByLabel('赊账（记账，以后还）').check();
    await page.getByText('还能赊 ¥500.00').waitFor();
    await page.getByRole('button', { name: '确认下单' }).click();
    await page.waitForURL(/#\/orders\/ord_/);
    const order = await api('GET', `/v1/orders/${new URL(page.url()).hash.split('/').at(-1)!}`);
    expect(order).toMatchObject({ villagerId: v.villagerId, totalFen: 16_500, paidFen: 0, paymentMode: 'CASH_ON_DELIVERY' });
    await page.getByRole('heading', { name: '赊账（记在村民的赊账上）' }).waitFor();
    expect(await page.getByLabel('赊多少（元）').inputValue()).toBe('165.00');
    const dueDate = await page.getByLabel('还款日（收获以后）').inputValue();
    expect(dueDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    await page.getByRole('button', { name: '发确认码到村民手机' }).click();
    const saleCode = await smsCode(phone, 'TAB_SALE_CODE');
    await page.getByLabel('村民念的确认码（6位数字）').fill(saleCode);
    await shot(page, 'partner-tab-sale-360');
    await page.getByRole('button', { name: '记在赊账上 ¥165.00' }).click();
    await page.getByText(`已赊账 ¥165.00，还款日 ${dueDate}。`).first().waitFor();
    expect(await api('GET', `/v1/orders/${order.orderId}`)).toMatchObject({ paidFen: 16_500, outstandingFen: 0, paidByTabFen: 16_500 });
    expect(await api('GET', `/v1/stations/${demo.station}/villagers/${v.villagerId}/tab`)).toMatchObject({
      owedFen: 16_500,
      availableFen: 33_500,
      items: [{ orderId: order.orderId, amountFen: 16_500, dueDate }],
    });
    expect((await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(drawerBefore);
    // The receipt states the amount on the tab and its due date.
    await page.goto(`${site.url}/partner/#/receipt/${order.orderId}`);
    await page.getByTestId('receipt-tab').getByText(`赊账 ¥165.00，还款日 ${dueDate}`).waitFor();
    await shot(page, 'partner-tab-receipt-360');

    // Chestnuts: 20 kg of grade A at ¥12.00 is ¥240.00; ¥165.00 repays the tab, ¥75.00 goes to the balance.
    await page.goto(`${site.url}/partner/#/produce`);
    await page.getByRole('heading', { name: '卖农产品' }).waitFor();
    await page.getByLabel('姓名或手机号').fill(name);
    await page.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: '选这位' }).click();
    await page.getByText('赊账欠 ¥165.00').waitFor();
    await page.getByLabel('农产品').selectOption({ label: '板栗' });
    await page.getByLabel('等级').selectOption({ index: 0 });
    await page.getByLabel('毛重（公斤）').fill('20');
    await page.getByRole('button', { name: '算一算' }).click();
    expect(await page.getByTestId('quote-amount').textContent()).toBe('¥240.00');
    await page.getByLabel(/还赊账（村民欠 ¥165\.00/).check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '村民同意，开收购单' }).click();
    await page
      .getByText(/收购单 №\w+ 已开，¥240\.00：还赊账 ¥165\.00，记入余额 ¥75\.00。/)
      .first()
      .waitFor();
    await page.locator('.ticket').getByText('还赊账 ¥165.00；记入余额 ¥75.00，现余额 ¥75.00').waitFor();
    await shot(page, 'partner-tab-ticket-360');
    expect(await api('GET', `/v1/stations/${demo.station}/villagers/${v.villagerId}/tab`)).toMatchObject({ owedFen: 0, items: [] });
    expect((await api('GET', `/v1/stations/${demo.station}/villagers/${v.villagerId}`)).creditFen).toBe(7_500);
    expect((await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(drawerBefore);
    // The ticket's form still says how it was paid; the next weighing offers the tab no more (nothing owed).
    expect(await page.getByLabel(/还赊账（村民欠 ¥165\.00/).isChecked()).toBe(true);
    await page.getByRole('button', { name: '再收一单' }).click();
    await page.getByRole('button', { name: '算一算' }).click();
    await page.getByRole('button', { name: '村民同意，开收购单' }).waitFor();
    expect(await page.getByLabel(/还赊账/).count()).toBe(0);
    expect(await page.getByLabel('现在付现金').isChecked()).toBe(true);

    // The statement: sold on the tab and repaid, through the API and on the cash screen.
    const statement = await api('GET', `/v1/stations/${demo.station}/statements/${month()}`);
    expect(statement.tabSalesFen - statementBefore.tabSalesFen).toBe(16_500);
    expect(statement.tabRepaidFen - statementBefore.tabRepaidFen).toBe(16_500);
    await page.goto(`${site.url}/partner/#/cash`);
    const sold = page.locator('#statement ~ dl dt, .figures dt').filter({ hasText: '赊账卖出' });
    await sold.first().waitFor();
    await page.getByText('赊账卖出').scrollIntoViewIfNeeded();
    await shot(page, 'partner-tab-statement-360');
  });

  test('a request sent with the network cut waits in the page, goes once when it is back, and the screen still says it waits after a reload', async () => {
    const stamp = Date.now().toString(36).slice(-4);
    const name = `断网${stamp}`;
    const phone = `135${String(Date.now()).slice(-8)}`;
    const station = await api('GET', `/v1/stations/${demo.station}`);
    const v = await api('POST', `/v1/stations/${demo.station}/villagers`, { name, phone, villageId: station.villages[0].villageId, consent: true });
    const page = await site.page(360);
    await page.goto(`${site.url}/partner/#/tab/${v.villagerId}`);
    await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
    await page.getByLabel('想要的额度（元）').fill('300');
    // Two taps in the same instant: one code.
    await page.evaluate(() => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === '发确认码到村民手机')!;
      button.click();
      button.click();
    });
    await page.getByText(`尾号 ${phone.slice(-4)}`).waitFor();
    const code = await smsCode(phone, 'TAB_CONSENT_CODE');
    expect((await site.sms.messages(phone)).filter((m) => m.templateCode === 'TAB_CONSENT_CODE')).toHaveLength(1);
    await page.getByLabel('村民念的确认码（6位数字）').fill(code);

    site.cut = true;
    await page.context().setOffline(true);
    await page.getByRole('button', { name: '提交给平台审核' }).click();
    await page.getByText('已保存，网络恢复后自动发送。').waitFor();
    site.cut = false;
    await page.context().setOffline(false);
    await page.reload();
    await page.getByTestId('tab-waiting').waitFor();
    expect(await page.getByTestId('tab-waiting').textContent()).toContain('¥300.00');
    const pending = await ops('GET', '/v1/tab-requests?status=PENDING&limit=100');
    expect(pending.items.filter((r: { villagerId: string }) => r.villagerId === v.villagerId)).toHaveLength(1);
  });

  test('an order sold on the tab is cancelled before it arrives: the sale comes off the tab, the cash part back from the drawer', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const station = await api('GET', `/v1/stations/${demo.station}`);
    const v = await api('POST', `/v1/stations/${demo.station}/villagers`, {
      name: `取消${Date.now().toString(36).slice(-4)}`,
      phone,
      villageId: station.villages[0].villageId,
      consent: true,
    });
    const villager = `/v1/stations/${demo.station}/villagers/${v.villagerId}`;
    const consent = await api('POST', `${villager}/confirmations`, { purpose: 'TAB_CONSENT', amountFen: 50_000 });
    const request = await api('POST', `${villager}/tab/requests`, {
      limitFen: 50_000,
      confirmationId: consent.confirmationId,
      code: await smsCode(phone, 'TAB_CONSENT_CODE'),
    });
    await ops('POST', `/v1/tab-requests/${request.requestId}/approve`, {});
    const order = await api('POST', `/v1/stations/${demo.station}/orders`, {
      villagerId: v.villagerId,
      lines: [{ sku: 'FERT-NPK-50', qty: 1 }],
      paymentMode: 'CASH_ON_DELIVERY',
      fulfilment: 'STATION_PICKUP',
    });
    await api('POST', `/v1/orders/${order.orderId}/payments`, { amountFen: 5_000 });
    const dueDate = new Date(Date.now() + (8 + 24 * 60) * 3600_000).toISOString().slice(0, 10);
    const sale = await api('POST', `${villager}/confirmations`, { purpose: 'TAB_SALE', amountFen: 11_500, dueDate });
    const code = await smsCode(phone, 'TAB_SALE_CODE');
    await api('POST', `/v1/orders/${order.orderId}/payments`, { amountFen: 11_500, source: 'TAB', confirmationId: sale.confirmationId, code, dueDate });
    expect(await api('GET', `${villager}/tab`)).toMatchObject({ owedFen: 11_500 });
    const drawerBefore = (await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen;

    const page = await site.page(360);
    await page.goto(`${site.url}/partner/#/orders/${order.orderId}`);
    await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
    await page.getByRole('button', { name: '取消订单', exact: true }).click();
    const ask = page.getByRole('alertdialog', { name: '请确认' });
    expect(await ask.textContent()).toContain('赊账的 ¥115.00 从村民的赊账上撤销，其余的 ¥50.00 按原来的付法退给村民');
    await ask.getByRole('button', { name: '确定' }).click();
    await page.getByText('赊账的 ¥115.00 已从村民的赊账上撤销。 订单已取消，已从钱箱退给村民 ¥50.00。').first().waitFor();
    // The order's page shows it cancelled: nothing more to do with it.
    await page.getByRole('button', { name: '标记已到站' }).waitFor({ state: 'detached' });
    await shot(page, 'partner-tab-cancelled-360');
    expect(await api('GET', `/v1/orders/${order.orderId}`)).toMatchObject({ status: 'CANCELLED', refundedFen: 16_500, refundedToTabFen: 11_500 });
    expect(await api('GET', `${villager}/tab`)).toMatchObject({ owedFen: 0, items: [] });
    expect((await api('GET', `/v1/stations/${demo.station}/cash`)).drawerFen).toBe(drawerBefore - 5_000);
  });
});
