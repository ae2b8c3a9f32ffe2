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
  // 王秀英 hears by SMS: the receipt says where her code went.
  await partner.locator('.receipt .code-sent').getByText('尾号 2345').waitFor();
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

test('the kiosk weighs produce in front of the villager: the quote in big figures, read aloud, nothing sent', async () => {
  const page = await site.page(1280);
  await page.addInitScript(() => {
    (window as unknown as { spoken: string[] }).spoken = [];
    speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      (window as unknown as { spoken: string[] }).spoken.push(`${u.lang}:${u.text}`);
    };
  });
  await page.goto(`${site.url}/kiosk/`);
  await page.getByRole('button', { name: /大柘镇服务站 自助屏/ }).click();
  const weigh = page.getByRole('region', { name: '过秤' });
  await weigh.waitFor();
  // From here on the page sends nothing but reads: a quote writes nothing.
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
  });
  await weigh.getByLabel('农产品').selectOption({ label: '板栗' });
  await weigh.getByLabel('等级').selectOption('A');
  expect(await weigh.getByLabel('等级').locator('option:checked').textContent()).toBe('A 级 · ¥12.00/公斤');

  // Tare at or above the gross: said beside the tare, in the catalogue's words.
  await weigh.getByLabel('毛重（公斤）').fill('10.35');
  await weigh.getByLabel('皮重（公斤，筐、袋）').fill('10.35');
  await weigh.getByRole('button', { name: '算一算' }).click();
  await weigh.getByText('皮重要比毛重小。').waitFor();
  expect(await weigh.getByLabel('皮重（公斤，筐、袋）').getAttribute('aria-invalid')).toBe('true');
  expect(await weigh.locator('.weigh-quote').count()).toBe(0);
  // A deduction beyond 50% and a weight that is not a number: each beside its field.
  await weigh.getByLabel('毛重（公斤）').fill('十斤');
  await weigh.getByLabel('扣杂（%）').fill('60');
  await weigh.getByRole('button', { name: '算一算' }).click();
  await weigh.getByText('要填整数克数，大于 0。').waitFor();
  await weigh.getByText('扣杂要在 0 到 5000（0%–50%）之间。').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // The worked case: 10.350 − 0.350 kg, less 1.5%, at ¥12.00/kg.
  await weigh.getByLabel('毛重（公斤）').fill('10.35');
  await weigh.getByLabel('皮重（公斤，筐、袋）').fill('0.35');
  await weigh.getByLabel('扣杂（%）').fill('1.5');
  await weigh.getByRole('button', { name: '算一算' }).click();
  const figures = weigh.locator('.weigh-quote');
  expect(await figures.getByTestId('weigh-net').textContent()).toBe('9.850 公斤');
  expect(await figures.getByTestId('weigh-amount').textContent()).toBe('¥118.20');
  const text = await figures.textContent();
  for (const part of ['毛重10.350 公斤', '皮重0.350 公斤', '扣杂1.5%', '等级板栗 A', '每公斤¥12.00']) expect(text).toContain(part);
  expect(text).not.toContain('手续费');
  expect(await weigh.locator('.error').count()).toBe(0);
  await weigh.getByRole('button', { name: '读给我听' }).click();
  const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  expect(spoken.at(-1)).toBe('zh-CN:板栗 A级：毛重十点三五公斤，皮重零点三五公斤，扣杂百分之一点五，净重九点八五公斤，每公斤十二元，共一百一十八元二角');
  expect(spoken.at(-1)).toContain('净重');
  expect(await seriousViolations(page)).toEqual([]);
  await page.locator('.produce-corner').screenshot({ path: 'docs/screenshots/kiosk-weigh-1280.png' });
  expect(sent).toEqual([]);

  // At 360 px: the panel fits, no sideways scrolling.
  const small = await site.page(360);
  await small.goto(`${site.url}/kiosk/`);
  await small.getByRole('button', { name: /大柘镇服务站 自助屏/ }).click();
  const narrow = small.getByRole('region', { name: '过秤' });
  await narrow.getByLabel('毛重（公斤）').fill('10.35');
  await narrow.getByLabel('皮重（公斤，筐、袋）').fill('0.35');
  await narrow.getByLabel('扣杂（%）').fill('1.5');
  await narrow.getByRole('button', { name: '算一算' }).click();
  await narrow.getByTestId('weigh-amount').waitFor();
  expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('at 360 px the search comes first, 要这个 says what it did where the villager looks, and the cart is one tap away', async () => {
  const page = await site.page(360);
  await page.goto(`${site.url}/kiosk/`);
  await page.getByRole('button', { name: /大柘镇服务站 自助屏/ }).click();
  const search = page.getByRole('searchbox', { name: '找商品' });
  await page
    .getByRole('button', { name: /要这个/ })
    .first()
    .waitFor();
  // The search is on the first screen, not below the produce corner.
  expect((await search.boundingBox())!.y).toBeLessThan(200);

  // A villager says 鞋: one character finds the walking shoes.
  await search.fill('鞋');
  await page.getByRole('button', { name: /要这个\s*：老人健步鞋/ }).waitFor();
  await page.getByRole('button', { name: /要这个\s*：老人健步鞋/ }).click();
  // Said where the villager is looking: on the product, and in the bar at the foot of the screen.
  const card = page.locator('ul.products > li', { hasText: '老人健步鞋' });
  await card.getByText('已选 1 件').waitFor();
  const bar = page.locator('.cart-bar');
  await bar.getByText('已放进“我选的”：老人健步鞋').waitFor();
  expect(await bar.textContent()).toContain('我选的：1 件，¥99');
  const inView = async (box: { y: number; height: number } | null) => Boolean(box && box.y >= 0 && box.y + box.height <= 800);
  expect(await inView(await bar.boundingBox())).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'docs/screenshots/kiosk-added-360.png' });

  // Far down the goods the bar is still there, and takes the villager to the cart.
  await search.fill('');
  await page.waitForFunction(() => document.querySelectorAll('ul.products > li').length === 24);
  await page.locator('ul.products > li').last().scrollIntoViewIfNeeded();
  expect(await inView(await bar.boundingBox())).toBe(true);
  await bar.getByRole('button', { name: '去下单' }).click();
  const cart = page.getByRole('complementary', { name: '我选的' });
  await expect.poll(async () => inView(await cart.getByRole('button', { name: '请店主帮我下单' }).boundingBox())).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await cart.getByRole('button', { name: '请店主帮我下单' }).click();
  const cartNo = (await page.locator('.cart-no').textContent())!;
  const carts = await api('GET', `/v1/stations/${demo.station}/carts?status=OPEN&limit=50`);
  expect(carts.items.find((c: { cartNo: string }) => c.cartNo === cartNo)).toMatchObject({ lines: [{ sku: 'SHOES-ELDER', qty: 1 }] });
});
