import { expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { useSite } from '../support/browser.ts';
import { demo, siteApi } from '../support/site-api.ts';

const site = useSite();
const api = siteApi(() => site.url);

test('a villager builds a cart at the kiosk; the partner turns it into an order', async () => {
  const kiosk = await site.page(1280);
  await kiosk.addInitScript(() => {
    // Record what would be read aloud (headless Chromium has no voices).
    (window as unknown as { spoken: string[] }).spoken = [];
    const original = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      (window as unknown as { spoken: string[] }).spoken.push(`${u.lang}:${u.text}`);
      original(u);
    };
  });
  await kiosk.goto(`${site.url}/kiosk/`);
  await kiosk.getByRole('button', { name: /大柘镇服务站 自助屏/ }).click();
  await kiosk.getByRole('button', { name: '家电' }).click();
  await kiosk.getByRole('button', { name: /要这个\s*：美的 2匹 立式柜机空调/ }).click();
  await kiosk.getByRole('button', { name: /要这个\s*：海尔 216升 三门冰箱/ }).click();
  await kiosk.getByRole('button', { name: '海尔 216升 三门冰箱 多一件' }).click();
  const cart = kiosk.getByRole('complementary', { name: '我选的' });
  await cart.getByText('¥7,698').waitFor(); // 3,900 + 2 × 1,899
  expect(await cart.textContent()).toContain('比县城便宜 ¥1,400'); // 600 + 2 × 400
  const spoken = await kiosk.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  expect(spoken).toContain('zh-CN:美的 2匹 立式柜机空调，3900元，比县城便宜600元');
  expect(await seriousViolations(kiosk)).toEqual([]);
  await kiosk.evaluate(() => scrollTo(0, 0));
  await kiosk.screenshot({ path: 'docs/screenshots/kiosk-1280.png' });
  await cart.getByRole('button', { name: '请店主帮我下单' }).click();
  const cartNo = (await kiosk.locator('.cart-no').textContent())!;
  // Digits only: read aloud one by one, never spelt as letters (this test used to accept letters).
  expect(cartNo).toMatch(/^\d{4}$/);
  expect(await seriousViolations(kiosk)).toEqual([]);

  const small = await site.page(360);
  await small.goto(`${site.url}/kiosk/`);
  await small.getByRole('button', { name: /大柘镇服务站 自助屏/ }).click();
  await small
    .getByRole('button', { name: /要这个/ })
    .first()
    .waitFor();
  // Each product its own picture: no two of the first screen's drawings are the same.
  const drawings = await small.locator('.products .picture svg').evaluateAll((svgs) => svgs.map((s) => s.innerHTML));
  expect(new Set(drawings).size).toBe(drawings.length);
  await small.locator('.products li').first().scrollIntoViewIfNeeded();
  await small.screenshot({ path: 'docs/screenshots/kiosk-360.png' });

  const partner = await site.page(1280);
  await partner.goto(`${site.url}/partner/`);
  await partner.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await partner.getByLabel('姓名或手机号').fill('王');
  await partner.getByRole('listitem').filter({ hasText: '王秀英' }).getByRole('button', { name: '选择' }).click();
  await partner
    .getByRole('listitem')
    .filter({ hasText: `购物单 ${cartNo}` })
    .getByRole('button', { name: '用这个' })
    .click();
  await partner.getByRole('region', { name: '核对' }).getByText('¥7,698.00').first().waitFor();
  await partner.getByRole('button', { name: '确认下单' }).click();
  await partner.locator('.receipt .code').waitFor();
  await partner.screenshot({ path: 'docs/screenshots/partner-receipt-1280.png' });

  const orderId = new URL(partner.url()).hash.split('/').at(-1)!;
  const order = await api('GET', `/v1/orders/${orderId}`);
  expect(order).toMatchObject({
    villagerId: demo.villager,
    totalFen: 769_800,
    lines: [
      { sku: 'AC-MIDEA-2P', qty: 1 },
      { sku: 'FRIDGE-HR-216', qty: 2 },
    ],
  });
  const carts = await api('GET', `/v1/stations/${demo.station}/carts?status=ORDERED`);
  expect(carts.items.find((c: { cartNo: string }) => c.cartNo === cartNo)).toMatchObject({ orderId });
});

test('the kiosk signs in with no partner powers: it cannot move money', async () => {
  const page = await site.page(1280);
  await page.goto(`${site.url}/kiosk/`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: /大柘镇服务站 自助屏/ }).click();
  await page
    .getByRole('button', { name: /要这个/ })
    .first()
    .waitFor();
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('session:kiosk')!).token as string);
  const res = await fetch(`${site.url}/v1/stations/${demo.station}/remittances`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ amountFen: 100, reference: 'x' }),
  });
  expect(res.status).toBe(403);
});

test('the kiosk finds goods by pinyin and initials, says 没有找到 with a way back, and pages through a list', async () => {
  const page = await site.page(1280);
  await page.goto(`${site.url}/kiosk/`);
  await page.getByRole('button', { name: /大柘镇服务站 自助屏/ }).click();
  const shown = () => page.locator('ul.products > li').count();
  await page
    .getByRole('button', { name: /要这个/ })
    .first()
    .waitFor();
  expect(await shown()).toBe(24);
  // More than 24 goods: the next page joins the list.
  await page.getByRole('button', { name: '再看看更多' }).click();
  await page.waitForFunction(() => document.querySelectorAll('ul.products > li').length > 24);
  await page.getByRole('button', { name: '再看看更多' }).waitFor({ state: 'detached' });

  const search = page.getByRole('searchbox', { name: '找商品' });
  for (const q of ['xiyiji', 'xiyij', 'gtxyj', '洗衣机']) {
    await search.fill(q);
    await page.waitForFunction(() => document.querySelectorAll('ul.products > li').length === 1);
    await page.getByRole('button', { name: /要这个\s*：美的 8公斤 滚筒洗衣机/ }).waitFor();
  }
  await search.fill('没有这种东西');
  await page.getByRole('status').getByText('没有找到').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '看全部商品' }).click();
  await page.waitForFunction(() => document.querySelectorAll('ul.products > li').length === 24);
  expect(await search.inputValue()).toBe('');
});
