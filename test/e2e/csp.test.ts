import { expect, test } from 'vitest';
import { contentSecurityPolicy } from '#http/csp.ts';
import { useSite } from '../support/browser.ts';

const site = useSite();

test('the local server sends the pages the shared Content-Security-Policy (the one CloudFront sends)', async () => {
  for (const path of ['/partner/', '/kiosk/', '/partner/main.js', '/styles.css']) {
    const res = await fetch(site.url + path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-security-policy'), path).toBe(contentSecurityPolicy());
    expect(res.headers.get('x-frame-options'), path).toBe('DENY');
  }
});

test('it is enforced: a script injected into a page does not run, and the violation is reported (so the tests would see any)', async () => {
  const page = await site.page(1280);
  await page.goto(`${site.url}/partner/`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).waitFor();
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    const frame = document.createElement('iframe');
    frame.src = 'https://example.org/';
    await new Promise((r) => setTimeout(r, 300));
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => site.cspViolations().length, { timeout: 5_000 }).toBeGreaterThan(0);
  site.cspViolations();
});

test('every screen of the kiosk and the partner form runs under it without a violation', async () => {
  const kiosk = await site.page(1280);
  await kiosk.goto(`${site.url}/kiosk/`);
  await kiosk.getByRole('button', { name: /大柘镇服务站 自助屏/ }).click();
  await kiosk.getByRole('button', { name: '家电' }).click();
  await kiosk
    .getByRole('button', { name: /要这个/ })
    .first()
    .waitFor();
  const partner = await site.page(360);
  await partner.goto(`${site.url}/partner/`);
  await partner.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await partner.getByRole('navigation').waitFor();
  for (const link of ['村民', '订单', '现金', '配送']) {
    await partner.getByRole('link', { name: link }).click();
    await partner.waitForLoadState('networkidle');
  }
  await partner.getByRole('button', { name: 'English' }).click();
  await partner.waitForLoadState('networkidle');
  expect(site.cspViolations()).toEqual([]);
});
