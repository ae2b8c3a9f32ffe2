import { expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { demo, siteApi } from '../support/site-api.ts';

/**
 * A villager lost the receipt: the code is kept only as a hash, so the partner
 * reprints it with a new code, and only the new one hands the goods over.
 */
const site = useSite();
const api = siteApi(() => site.url);

test('a receipt opened on another phone has no code; the reprint gives a new one, the old one stops working', async () => {
  const placed = await api('POST', `/v1/stations/${demo.station}/orders`, {
    villagerId: demo.villager,
    lines: [{ sku: demo.rice, qty: 1 }],
    paymentMode: 'CASH_ON_DELIVERY',
    fulfilment: 'STATION_PICKUP',
  });
  // A fresh browser: nothing of this order is kept on the device.
  const page = await site.page(360);
  await page.goto(`${site.url}/partner/#/receipt/${placed.orderId}`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
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
