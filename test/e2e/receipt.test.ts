import { expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { demoId } from '#scripts/local/demo-data.ts';
import { demo, siteApi } from '../support/site-api.ts';

/**
 * A villager lost the receipt or the SMS: the code is kept only as a hash, so
 * the partner has a new one issued, and only the new one hands the goods over.
 * A villager who hears by SMS gets it on their phone, never on the screen.
 */
const site = useSite();
const api = siteApi(() => site.url);

const signedIn = async (orderId: string) => {
  // A fresh browser: nothing of this order is kept on the device.
  const page = await site.page(360);
  await page.goto(`${site.url}/partner/#/receipt/${orderId}`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  return page;
};

test('a receipt opened on another phone has no code; the reprint gives a new one, the old one stops working', async () => {
  // A villager who chose no SMS: their code is printed for the partner to hand on.
  const villager = await api('POST', `/v1/stations/${demo.station}/villagers`, {
    name: '不收短信',
    villageId: demoId('village', 11),
    consent: true,
    phone: `139${String(Date.now()).slice(-8)}`,
    messages: 'NONE',
  });
  const placed = await api('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: villager.villagerId,
    lines: [{ sku: demo.rice, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  expect(placed.deliveryCode).toMatch(/^\d{6}$/);
  const page = await signedIn(placed.orderId);
  await page.getByText('取货码只在下单时显示一次').waitFor();
  expect(await page.locator('p.code').count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: '重新打印（换新取货码）' }).click();
  const code = (await page.locator('p.code').textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  expect(code).not.toBe(placed.deliveryCode);
  // A double tap, or a reload, issues no third code: the page shows the same one again.
  await page.reload();
  await page.locator('p.code').waitFor();
  expect((await page.locator('p.code').textContent())!.trim()).toBe(code);

  await api('POST', `/v1/orders/${placed.orderId}/arrive`);
  const total = placed.totalFen as number;
  await expect(api('POST', `/v1/orders/${placed.orderId}/pickup`, { deliveryCode: placed.deliveryCode, cashCollectedFen: total })).rejects.toThrow(/422/);
  const handedOver = await api('POST', `/v1/orders/${placed.orderId}/pickup`, { deliveryCode: code, cashCollectedFen: total });
  expect(handedOver.status).toBe('PICKED_UP');
});

test('a villager who hears by SMS: the receipt says where the code went and never shows it; a new code goes to their phone', async () => {
  const placed = await api('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: demo.villager,
    lines: [{ sku: demo.rice, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  expect(placed).not.toHaveProperty('deliveryCode');
  expect(placed.codeSentTo).toBe('尾号2345');
  const first = await site.codeOf(placed.orderId);

  const page = await signedIn(placed.orderId);
  await page.getByText('取货码已用短信发到村民手机（尾号 2345），店里看不到。').waitFor();
  expect(await page.locator('p.code').count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'docs/screenshots/partner-receipt-sms-360.png' });

  await page.getByRole('button', { name: '重新发短信（换新取货码）' }).click();
  await page.getByText('新的取货码已发到村民手机，旧的作废。').first().waitFor();
  const second = await site.codeOf(placed.orderId, first);
  expect(second).toMatch(/^\d{6}$/);
  expect(await page.locator('p.code').count()).toBe(0);
  expect(await page.content()).not.toContain(second);

  await api('POST', `/v1/orders/${placed.orderId}/arrive`);
  const total = placed.totalFen as number;
  await expect(api('POST', `/v1/orders/${placed.orderId}/pickup`, { deliveryCode: first, cashCollectedFen: total })).rejects.toThrow(/422/);
  const handedOver = await api('POST', `/v1/orders/${placed.orderId}/pickup`, { deliveryCode: second, cashCollectedFen: total });
  expect(handedOver.status).toBe('PICKED_UP');
});
