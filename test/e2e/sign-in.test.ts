import { expect, test, vi } from 'vitest';
import * as OTPAuth from 'otpauth';
import { useSite } from '../support/browser.ts';
import { seriousViolations } from '../support/axe.ts';
import { demoStations, demoUsers } from '#scripts/local/demo-data.ts';

/**
 * A partner signs in on a cheap phone (360 px, zh-CN) by phone number and the
 * SMS code (docs/rules.md "Signing in"): the code goes through the outbox and
 * the stand-in SMS gateway, as it does under `npm start`.
 */
const site = useSite();

async function smsCode(phone: string, before: number): Promise<string> {
  for (let tries = 0; tries < 200; tries++) {
    const sent = (await site.sms.messages(phone)).filter((m) => m.templateCode === 'SIGN_IN_CODE');
    if (sent.length > before) return sent.at(-1)!.params.code!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no sign-in code reached ${phone}`);
}

test('a partner signs in by phone and SMS code at 360 px, and lands on their own station', async () => {
  const partner = demoUsers.find((u) => u.role === 'partner')!;
  const page = await site.page(360);
  await page.goto(`${site.url}/partner/`);
  await page.getByLabel('手机号').fill(partner.phone);
  const before = (await site.sms.messages(partner.phone)).length;
  await page.getByRole('button', { name: '获取验证码' }).click();
  const codeField = page.getByLabel(/短信验证码/);
  await codeField.waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await codeField.fill(await smsCode(partner.phone, before));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation').waitFor();
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('session:partner') ?? 'null'));
  expect(session).toMatchObject({ role: 'partner', stationId: partner.stationId });
  expect(session.refreshToken).toMatch(/^rt_/);
  expect(await page.content()).toContain(demoStations.find((s) => s.stationId === partner.stationId)!.name);
});

test('a wrong code is refused on the page, in the partner’s language', async () => {
  const partner = demoUsers.filter((u) => u.role === 'partner')[1]!;
  const page = await site.page(360);
  await page.goto(`${site.url}/partner/`);
  await page.getByLabel('手机号').fill(partner.phone);
  const before = (await site.sms.messages(partner.phone)).length;
  await page.getByRole('button', { name: '获取验证码' }).click();
  const code = await smsCode(partner.phone, before);
  await page.getByLabel(/短信验证码/).fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('验证码不对，或已过期').waitFor();
});

test('the kiosk is paired with the code the partner form shows, once', async () => {
  const partner = await site.page(360);
  await partner.goto(`${site.url}/partner/`);
  await partner.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await partner.getByRole('navigation').waitFor();
  expect(await partner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await partner.getByRole('button', { name: '配对自助屏' }).click();
  expect(await partner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const shown = await partner.getByText(/在自助屏上输入配对码 \d{8}/).textContent();
  const code = /\d{8}/.exec(shown ?? '')![0];
  const kiosk = await site.page(1280);
  await kiosk.goto(`${site.url}/kiosk/`);
  await kiosk.getByLabel(/配对码/).fill(code);
  await kiosk.getByRole('button', { name: '配对', exact: true }).click();
  await kiosk.getByRole('button', { name: '家电' }).waitFor();
  const session = await kiosk.evaluate(() => JSON.parse(localStorage.getItem('session:kiosk') ?? 'null'));
  expect(session).toMatchObject({ role: 'kiosk', stationId: demoUsers.find((u) => u.role === 'partner')!.stationId });
});

test('an operator adds a partner by phone and disables them on the users screen (360 px); the partner can then not sign in', async () => {
  const page = await site.page(360);
  await page.goto(`${site.url}/ops/`);
  await page.getByRole('button', { name: /平台运营/ }).click();
  await page.getByRole('link', { name: '用户', exact: true }).click();
  await page.getByRole('heading', { name: '用户', level: 1 }).waitFor();
  // The demo users and the stations have been read.
  await page.getByRole('row', { name: /平台运营/ }).waitFor();
  const phone = `137${String(Date.now() % 1e8).padStart(8, '0')}`;
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('姓名').fill('新店主');
  await page.getByRole('button', { name: '添加' }).click();
  await page.getByText(`已添加新店主：用 ${phone} 登录。`).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole('button', { name: '停用新店主' }).click();
  await page.getByText('已修改新店主。').first().waitFor();
  // Disabled: no code reaches the phone.
  await fetch(`${site.url}/v1/auth/codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await site.sms.messages(phone)).toEqual([]);
});

test('an operator turns on an authenticator app on the security screen (360 px); their next sign-in asks for its code', async () => {
  // A new operator, added as ops add one, signs in by phone and code.
  const { token } = (await (
    await fetch(`${site.url}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'ops' }) })
  ).json()) as { token: string };
  const phone = `136${String(Date.now() % 1e8).padStart(8, '0')}`;
  const added = await fetch(`${site.url}/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ phone, name: '新运营', role: 'ops' }),
  });
  expect(added.status).toBe(201);
  const page = await site.page(360);
  const signInByPhone = async (totp?: () => string) => {
    await page.getByLabel('手机号').fill(phone);
    const before = (await site.sms.messages(phone)).length;
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByLabel(/短信验证码/).fill(await smsCode(phone, before));
    await page.getByRole('button', { name: '登录' }).click();
    if (!totp) return;
    const field = page.getByLabel(/身份验证器 App 上的 6 位验证码/);
    await field.waitFor();
    await field.fill(totp());
    await page.getByRole('button', { name: '登录' }).click();
  };
  await page.goto(`${site.url}/ops/`);
  await signInByPhone();
  await page.getByRole('link', { name: '安全' }).click();
  await page.getByText(`还没有开启：用 ${phone} 登录只要短信验证码。`).waitFor();
  await page.getByRole('button', { name: '开启身份验证器' }).click();
  const qr = page.getByRole('img', { name: /身份验证器的二维码/ });
  await qr.waitFor();
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await seriousViolations(page)).toEqual([]);
  // The phone's app is given the key shown under the QR code.
  const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
  const app = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  await page.getByLabel('新验证器上的 6 位码').fill(app.generate() === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '确认开启' }).click();
  await page.getByText('动态码不对').waitFor();
  await page.getByLabel('新验证器上的 6 位码').fill(app.generate());
  // A double tap: one enrolment, and no refusal shown after it.
  await page.getByRole('button', { name: '确认开启' }).dblclick();
  await page.getByText('身份验证器已开启：下次登录时要填它的动态码。', { exact: true }).waitFor();
  await page.getByText(`已开启：用 ${phone} 登录时还要验证器上的动态码。`).waitFor();
  expect(await page.getByRole('alert').count()).toBe(0);
  // Through the API: the operator now has a second factor.
  const me = await page.evaluate(async () => {
    const session = JSON.parse(localStorage.getItem('session:ops') ?? 'null') as { token: string };
    return (await fetch('/v1/auth/me', { headers: { authorization: `Bearer ${session.token}` } })).json();
  });
  expect(me).toMatchObject({ phone, totp: true });

  await page.getByRole('button', { name: '退出' }).click();
  // A phone gets one code a minute: the server (in this process) is a minute on.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  try {
    vi.setSystemTime(Date.now() + 61_000);
    await signInByPhone(() => app.generate());
    await page.getByRole('navigation').waitFor();
  } finally {
    vi.useRealTimers();
  }
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('session:ops') ?? 'null'))).toMatchObject({ role: 'ops' });
});
