import { expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { demo, siteApi } from '../support/site-api.ts';
import { issueToken } from '#scripts/local/tokens.ts';

const site = useSite();
const api = siteApi(() => site.url);
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test('from a hand-over through installation to a claim resolved by an exchange, approved by an operator, at 360 px', async () => {
  // An air conditioner (needs installing, a year's warranty) placed, arrived and handed over.
  const placed = await api('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: demo.villager,
    lines: [{ sku: demo.sku, qty: 1 }],
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: 390_000,
  });
  await api('POST', `/v1/orders/${placed.orderId}/arrive`);
  await api('POST', `/v1/orders/${placed.orderId}/pickup`, { deliveryCode: await site.deliveryCode(placed) });
  const statementBefore = await api('GET', `/v1/stations/${demo.station}/statements/${shanghaiToday().slice(0, 7)}`);

  const page = await site.page(360);
  // What the page reads aloud, caught where the voice would say it.
  await page.addInitScript(() => {
    (window as unknown as { spoken: string[] }).spoken = [];
    speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void (window as unknown as { spoken: string[] }).spoken.push(`${u.lang}:${u.text}`);
  });
  await page.goto(`${site.url}/partner/#/aftersales`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await page.getByRole('heading', { name: '安装和售后' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // To schedule: by the partner, today (an INSTALLATION task on today's run).
  const toSchedule = page.getByRole('region', { name: '待约日期' }).locator('li.job', { hasText: '美的' }).first();
  await toSchedule.locator('summary').click();
  await toSchedule.getByLabel('日期').fill(shanghaiToday());
  await toSchedule.locator('button[type=submit]', { hasText: '约安装日期' }).click();
  await page.getByText(`已约好 ${shanghaiToday()}。`).first().waitFor();
  const tasks = await api('GET', `/v1/stations/${demo.station}/tasks?date=${shanghaiToday()}`);
  expect(tasks.items.some((x: { kind: string; note?: string }) => x.kind === 'INSTALLATION' && x.note?.includes('美的'))).toBe(true);

  // Today's: done with the villager's code.
  const todays = page.getByRole('region', { name: '今天要装的' }).locator('li.job', { hasText: '美的' }).first();
  await todays.locator('summary').click();
  await todays.getByLabel('取货码', { exact: false }).fill(await site.deliveryCode(placed));
  await todays.locator('button[type=submit]', { hasText: '装好了' }).click();
  await page.getByText('已记为装好。').first().waitFor();
  const statement = await api('GET', `/v1/stations/${demo.station}/statements/${shanghaiToday().slice(0, 7)}`);
  expect(statement.installationsDone).toBe(statementBefore.installationsDone + 1);

  // A claim from the order page: the remedies are said in words.
  await page.goto(`${site.url}/partner/#/orders/${placed.orderId}`);
  await page.getByLabel('什么毛病').fill('不制冷');
  await page.locator('button[type=submit]', { hasText: '登记售后（三包）' }).click();
  await page
    .getByText(/已登记售后。.*今天是第 0 天.*退货退款、换一件新的、免费修理/)
    .first()
    .waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // Resolved on the after-sales screen: an exchange, whose replacement parcel gets its own code.
  await page.goto(`${site.url}/partner/#/aftersales`);
  const claim = page.getByRole('region', { name: '正在处理的售后' }).locator('li.claim', { hasText: '不制冷' }).first();
  // The remedies, read aloud to the villager on request, in Mandarin.
  await claim.getByRole('button', { name: '读给村民听' }).click();
  const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  expect(spoken.at(-1)).toMatch(/^zh-CN:.*今天是第 0 天.*退货退款、换一件新的、免费修理/);
  await claim.getByLabel('换一件新的').check();
  await claim.locator('button[type=submit]', { hasText: '就这样处理' }).click();
  // An exchange waits for an operator to confirm the defect: nothing is ordered yet.
  await page.getByText('换一件新的要等运营确认质量问题：批准后才退款或下换新的订单，现在什么都没动。').first().waitFor();
  await page.getByRole('region', { name: '正在处理的售后' }).locator('li.claim', { hasText: '不制冷' }).getByText('等运营确认').first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'docs/screenshots/partner-after-sales-360.png', fullPage: false });
  const waiting = (await api('GET', `/v1/stations/${demo.station}/claims?status=AWAITING_APPROVAL&limit=100`)).items.find(
    (c: { orderId: string }) => c.orderId === placed.orderId,
  );
  expect(waiting).toMatchObject({ status: 'AWAITING_APPROVAL', requested: { remedy: 'EXCHANGE' } });

  // The operator approves it (the console's side is test/e2e/ops.test.ts); the partner prints the replacement's receipt.
  const ops = await issueToken({ role: 'ops', sub: 'e2e-ops' });
  const approved = await fetch(`${site.url}/v1/claims/${waiting.claimId}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ reason: '照片看过' }),
  });
  expect(approved.status).toBe(200);
  const resolved = await api('GET', `/v1/claims/${waiting.claimId}`);
  expect(resolved).toMatchObject({ status: 'EXCHANGED', remedy: 'EXCHANGE' });
  const replacement = await api('GET', `/v1/orders/${resolved.replacementOrderId}`);
  expect(replacement).toMatchObject({ totalFen: 0, commissionFen: 0, outstandingFen: 0, villagerId: demo.villager, status: 'PLACED' });
  await page.goto(`${site.url}/partner/#/receipt/${resolved.replacementOrderId}`);
  // The replacement's first receipt: its code goes to the villager's phone, as every code of a villager who hears by SMS.
  await page.locator('button[type=submit]', { hasText: '重新打印（换新取货码）' }).click();
  await page.locator('.receipt .code-sent').getByText('尾号 2345').waitFor();
  expect(await site.codeOf(resolved.replacementOrderId)).toMatch(/^\d{6}$/);
  expect(await page.locator('p.code').count()).toBe(0);
});

test('a line with a claim on it offers only what is still returnable (the page and the server use one rule)', async () => {
  // Two air conditioners handed over; a claim on one of them.
  const placed = await api('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: demo.villager,
    lines: [{ sku: demo.sku, qty: 2 }],
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: 780_000,
  });
  await api('POST', `/v1/orders/${placed.orderId}/arrive`);
  await api('POST', `/v1/orders/${placed.orderId}/pickup`, { deliveryCode: await site.deliveryCode(placed) });
  await api('POST', `/v1/orders/${placed.orderId}/claims`, { sku: demo.sku, qty: 1, problem: '不制冷' });
  const order = await api('GET', `/v1/orders/${placed.orderId}`);
  expect(order.lines[0]).toMatchObject({ qty: 2, claimedQty: 1 });

  const page = await site.page(360);
  await page.goto(`${site.url}/partner/#/orders/${placed.orderId}`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await page.getByRole('heading', { name: '订单' }).waitFor();
  await page.getByLabel(/退几件（最多 1）/).waitFor();
  expect(await page.getByLabel(/退几件（最多 2）/).count()).toBe(0);

  expect((await api('GET', `/v1/orders/${placed.orderId}`)).lines[0].returnedQty).toBe(0);
});
