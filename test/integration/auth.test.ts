import * as OTPAuth from 'otpauth';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { localSigner } from '#shared/tokens/local-signer.ts';
import { accessClaims } from '#shared/tokens/claims.ts';
import { issuer } from '#shared/tokens/signer.ts';
import { generateKeyPairSync } from 'node:crypto';
import { addOperator } from '#scripts/add-operator.ts';
import { useApi } from '../support/api.ts';
import { expectOk, stationInput, unique } from '../support/fixture.ts';
import { somePhone } from '../support/examples.ts';

/**
 * Signing in by phone and SMS code (docs/rules.md "Signing in"): the code
 * through the outbox and the stand-in gateway, ES256 access tokens checked as
 * the HTTP API's JWT authorizer checks them, rotating refresh tokens, signing
 * out, and what ops do to users (add, move, disable) ending sign-ins at once.
 */
const api = useApi({ outbox: true });
let ops: string;
let stationA: string;
let stationB: string;

beforeAll(async () => {
  // Only Date is faked (and keeps running): a test can step past the SMS limits' minute.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  process.env.SIGN_IN_ADDRESS_LIMIT = '1000';
  ops = await api.token('ops', undefined, 'ops-auth');
  const station = async () =>
    (await expectOk(api.call('POST', '/v1/stations', { token: ops, key: true, body: stationInput(unique('登站')) }), 201)).stationId as string;
  stationA = await station();
  stationB = await station();
});
afterAll(() => {
  vi.useRealTimers();
});

/** The next minute (the SMS limits count codes in natural minutes). */
const nextMinute = () => vi.setSystemTime(new Date(Math.floor(Date.now() / 60_000) * 60_000 + 61_000));

async function addUser(body: Record<string, unknown>) {
  return expectOk(api.call('POST', '/v1/users', { token: ops, key: true, body }), 201);
}

/** Asks for a code and reads it off the stand-in gateway, as the phone would. */
async function codeFor(phone: string): Promise<string> {
  const before = (await api.sms.messages(phone)).length;
  const asked = await api.call('POST', '/v1/auth/codes', { body: { phone } });
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  for (let i = 0; i < 100; i++) {
    const sent = await api.sms.messages(phone);
    if (sent.length > before) {
      expect(sent.at(-1)!.templateCode).toBe('SIGN_IN_CODE');
      return sent.at(-1)!.params.code!;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code reached ${phone}`);
}

async function signIn(phone: string, extra: Record<string, unknown> = {}) {
  const code = await codeFor(phone);
  return expectOk(api.call('POST', '/v1/auth/tokens', { body: { phone, code, ...extra } }));
}

const refresh = (refreshToken: string) => api.call('POST', '/v1/auth/tokens', { body: { refreshToken } });
const cashOf = (stationId: string, token: string) => api.call('GET', `/v1/stations/${stationId}/cash`, { token });

describe('signing in', () => {
  test('a partner signs in by phone and code: an ES256 token for their station, checked against the published keys', async () => {
    const phone = somePhone();
    const user = await addUser({ phone, name: '王合伙', role: 'partner', stationId: stationA });
    const tokens = await signIn(phone);
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 600 });
    const header = decodeProtectedHeader(tokens.accessToken);
    const claims = decodeJwt(tokens.accessToken);
    expect(header.alg).toBe('ES256');
    expect(claims).toMatchObject({ sub: user.userId, role: 'partner', stationId: stationA, iss: issuer(), aud: 'village-station' });
    expect(claims.exp! - claims.iat!).toBe(600);
    expect((await cashOf(stationA, tokens.accessToken)).status).toBe(200);
    expect((await cashOf(stationB, tokens.accessToken)).status).toBe(404);

    const jwks = await expectOk(api.call('GET', '/.well-known/jwks.json'));
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    const config = await expectOk(api.call('GET', '/.well-known/openid-configuration'));
    expect(config).toMatchObject({ issuer: issuer(), jwks_uri: `${issuer()}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['ES256'] });
    // The code works once.
    nextMinute();
  });

  test('the same answer whether or not the phone is a user; only a user’s phone gets a message', async () => {
    const stranger = somePhone();
    const answer = await api.call('POST', '/v1/auth/codes', { body: { phone: stranger } });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ expiresIn: 300 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await api.sms.messages(stranger)).toEqual([]);
    // No code sent means none can be right.
    const tried = await api.call('POST', '/v1/auth/tokens', { body: { phone: stranger, code: '000000' } });
    expect(tried.status).toBe(401);
  });

  test('a code works once', async () => {
    const phone = somePhone();
    await addUser({ phone, name: '赵合伙', role: 'partner', stationId: stationA });
    const code = await codeFor(phone);
    expect((await api.call('POST', '/v1/auth/tokens', { body: { phone, code } })).status).toBe(200);
    expect((await api.call('POST', '/v1/auth/tokens', { body: { phone, code } })).status).toBe(401);
  });
});

describe('refresh tokens', () => {
  test('each refresh gives a new pair; a refresh token used again ends the whole sign-in', async () => {
    const phone = somePhone();
    await addUser({ phone, name: '钱合伙', role: 'partner', stationId: stationA });
    const first = await signIn(phone);
    const second = await expectOk(refresh(first.refreshToken));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(decodeJwt(second.accessToken)).toMatchObject({ stationId: stationA, sid: decodeJwt(first.accessToken).sid });
    const third = await expectOk(refresh(second.refreshToken));
    // The first one, copied and used again: refused, and the newest one stops working too.
    const reused = await refresh(first.refreshToken);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('sign-in-refused');
    expect((await refresh(third.refreshToken)).status).toBe(401);
  });

  test('a refresh token with a wrong secret, or made up, is refused', async () => {
    const phone = somePhone();
    await addUser({ phone, name: '孙合伙', role: 'partner', stationId: stationA });
    const tokens = await signIn(phone);
    const [id] = tokens.refreshToken.split('.');
    expect((await refresh(`${id}.${'x'.repeat(43)}`)).status).toBe(401);
    expect((await refresh('rt_01ARZ3NDEKTSV4RRFFQ69G5FAV.abcdefghijkl')).status).toBe(401);
    // A wrong secret does not end the sign-in: the right token still works.
    expect((await refresh(tokens.refreshToken)).status).toBe(200);
  });

  test('signing out ends the sign-in: its refresh token is refused', async () => {
    const phone = somePhone();
    await addUser({ phone, name: '周合伙', role: 'partner', stationId: stationA });
    const tokens = await signIn(phone);
    const out = await api.call('POST', '/v1/auth/sign-out', { token: tokens.accessToken, body: { refreshToken: tokens.refreshToken } });
    expect(out.status).toBe(204);
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
  });
});

describe('ops manage users', () => {
  test('a moved partner’s next refresh fails; their token names the new station only after signing in again', async () => {
    const phone = somePhone();
    const user = await addUser({ phone, name: '吴合伙', role: 'partner', stationId: stationA });
    const before = await signIn(phone);
    const moved = await expectOk(api.call('PATCH', `/v1/users/${user.userId}`, { token: ops, key: true, body: { stationId: stationB } }));
    expect(moved).toMatchObject({ stationId: stationB, sessionVersion: 2 });
    const refused = await refresh(before.refreshToken);
    expect(refused.status).toBe(401);
    nextMinute();
    const after = await signIn(phone);
    expect(decodeJwt(after.accessToken)).toMatchObject({ stationId: stationB });
    expect((await cashOf(stationB, after.accessToken)).status).toBe(200);
    expect((await cashOf(stationA, after.accessToken)).status).toBe(404);
    // Who changed whom, and what.
    const changes = await expectOk(api.call('GET', `/v1/users/${user.userId}/changes`, { token: ops }));
    expect(changes.items.map((c: { what: string }) => c.what)).toEqual(['moved', 'created']);
    expect(changes.items[0]).toMatchObject({ by: 'ops-auth', from: stationA, to: stationB });
  });

  test('a disabled user’s refresh fails, gets no code and cannot sign in', async () => {
    const phone = somePhone();
    const user = await addUser({ phone, name: '郑合伙', role: 'partner', stationId: stationA });
    const tokens = await signIn(phone);
    await expectOk(api.call('PATCH', `/v1/users/${user.userId}`, { token: ops, key: true, body: { disabled: true } }));
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    nextMinute();
    const sentBefore = (await api.sms.messages(phone)).length;
    expect((await api.call('POST', '/v1/auth/codes', { body: { phone } })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await api.sms.messages(phone)).length).toBe(sentBefore);
    expect((await api.call('POST', '/v1/auth/tokens', { body: { phone, code: '123456' } })).status).toBe(401);
  });

  test('one user per phone; a partner needs a station, an operator has none; only ops manage users', async () => {
    const phone = somePhone();
    await addUser({ phone, name: '冯合伙', role: 'partner', stationId: stationA });
    expect((await api.call('POST', '/v1/users', { token: ops, key: true, body: { phone, name: '又一个', role: 'partner', stationId: stationA } })).status).toBe(
      409,
    );
    expect((await api.call('POST', '/v1/users', { token: ops, key: true, body: { phone: somePhone(), name: '无站', role: 'partner' } })).status).toBe(422);
    expect(
      (await api.call('POST', '/v1/users', { token: ops, key: true, body: { phone: somePhone(), name: '运营', role: 'ops', stationId: stationA } })).status,
    ).toBe(422);
    const partner = await api.token('partner', stationA);
    expect((await api.call('POST', '/v1/users', { token: partner, key: true, body: { phone: somePhone(), name: 'x', role: 'ops' } })).status).toBe(403);
  });
});

describe("an operator's second factor", () => {
  test('an operator who enrolled an authenticator app is asked for its code at every sign-in', async () => {
    const phone = somePhone();
    await addUser({ phone, name: '运营甲', role: 'ops' });
    const first = await signIn(phone);
    expect(decodeJwt(first.accessToken)).toMatchObject({ role: 'ops' });
    expect(decodeJwt(first.accessToken).stationId).toBeUndefined();
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    expect(
      (await api.call('POST', '/v1/auth/totp', { token: first.accessToken, body: { secret, totp: totp.generate() === '000000' ? '111111' : '000000' } }))
        .status,
    ).toBe(401);
    const enrolled = await expectOk(api.call('POST', '/v1/auth/totp', { token: first.accessToken, body: { secret, totp: totp.generate() } }));
    expect(enrolled).toMatchObject({ totp: true });
    nextMinute();
    const code = await codeFor(phone);
    const without = await api.call('POST', '/v1/auth/tokens', { body: { phone, code } });
    expect(without.status).toBe(401);
    expect(without.body.code).toBe('totp-required');
    const withIt = await api.call('POST', '/v1/auth/tokens', { body: { phone, code, totp: totp.generate() } });
    expect(withIt.status).toBe(200);
  });

  test("a signed-in user reads themselves (whether their second factor is on); a stolen token alone cannot replace an enrolled app's secret", async () => {
    const phone = somePhone();
    const added = await addUser({ phone, name: '运营乙', role: 'ops' });
    const first = await signIn(phone);
    const me = await expectOk(api.call('GET', '/v1/auth/me', { token: first.accessToken }));
    expect(me).toMatchObject({ userId: added.userId, phone, role: 'ops', totp: false });
    expect(JSON.stringify(me)).not.toMatch(/secret/i);
    const app = new OTPAuth.TOTP({ secret: new OTPAuth.Secret({ size: 20 }) });
    await expectOk(api.call('POST', '/v1/auth/totp', { token: first.accessToken, body: { secret: app.secret.base32, totp: app.generate() } }));
    expect(await expectOk(api.call('GET', '/v1/auth/me', { token: first.accessToken }))).toMatchObject({ totp: true });

    // Whoever holds the access token but not the app cannot enrol another app.
    const theirs = new OTPAuth.TOTP({ secret: new OTPAuth.Secret({ size: 20 }) });
    const replaced = await api.call('POST', '/v1/auth/totp', {
      token: first.accessToken,
      body: { secret: theirs.secret.base32, totp: theirs.generate() },
    });
    expect(replaced.status).toBe(401);
    expect(replaced.body.code).toBe('totp-required');
    const wrongCurrent = app.generate() === '000000' ? '111111' : '000000';
    expect(
      (
        await api.call('POST', '/v1/auth/totp', {
          token: first.accessToken,
          body: { secret: theirs.secret.base32, totp: theirs.generate(), currentTotp: wrongCurrent },
        })
      ).status,
    ).toBe(401);
    // The old app's code still signs in: nothing was changed.
    nextMinute();
    expect((await api.call('POST', '/v1/auth/tokens', { body: { phone, code: await codeFor(phone), totp: app.generate() } })).status).toBe(200);
    // With the current app's code, the operator moves to a new phone's app.
    await expectOk(
      api.call('POST', '/v1/auth/totp', {
        token: first.accessToken,
        body: { secret: theirs.secret.base32, totp: theirs.generate(), currentTotp: app.generate() },
      }),
    );
    nextMinute();
    expect((await api.call('POST', '/v1/auth/tokens', { body: { phone, code: await codeFor(phone), totp: theirs.generate() } })).status).toBe(200);
    // A partner reads themselves too; the kiosk has no user page of its own.
    const partnerPhone = somePhone();
    await addUser({ phone: partnerPhone, name: '伙伴丙', role: 'partner', stationId: stationA });
    nextMinute();
    const partner = await signIn(partnerPhone);
    expect(await expectOk(api.call('GET', '/v1/auth/me', { token: partner.accessToken }))).toMatchObject({ role: 'partner', stationId: stationA });
  });

  test("wrong codes of the current app when replacing it: the 5th ends every sign-in of the operator, and no change is taken until the stolen token's life is over", async () => {
    const phone = somePhone();
    const added = await addUser({ phone, name: '运营丁', role: 'ops' });
    const first = await signIn(phone);
    const app = new OTPAuth.TOTP({ secret: new OTPAuth.Secret({ size: 20 }) });
    await expectOk(api.call('POST', '/v1/auth/totp', { token: first.accessToken, body: { secret: app.secret.base32, totp: app.generate() } }));
    const theirs = new OTPAuth.TOTP({ secret: new OTPAuth.Secret({ size: 20 }) });
    const replace = (token: string, currentTotp: string) =>
      api.call('POST', '/v1/auth/totp', { token, body: { secret: theirs.secret.base32, totp: theirs.generate(), currentTotp } });
    /** A code the app shows at none of the steps a check takes (now, and one either side). */
    const wrong = () => {
      const near = [-30_000, 0, 30_000].map((d) => app.generate({ timestamp: Date.now() + d }));
      return ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c))!;
    };
    for (let i = 1; i <= 4; i++) expect((await replace(first.accessToken, wrong())).body.code).toBe('sign-in-refused');
    // Saving the user meanwhile (here an operator's edit, as a stolen token could send) does not start the count again.
    await expectOk(api.call('PATCH', `/v1/users/${added.userId}`, { token: first.accessToken, key: true, body: { name: '运营丁丁' } }));
    const fifth = await replace(first.accessToken, wrong());
    expect(fifth.status).toBe(401);
    expect(fifth.body.code).toBe('totp-change-locked');
    // Locked: the right code changes nothing now either, and the sign-in it came with is over.
    expect((await replace(first.accessToken, app.generate())).body.code).toBe('totp-change-locked');
    expect((await refresh(first.refreshToken)).status).toBe(401);
    nextMinute();
    expect((await api.call('POST', '/v1/auth/tokens', { body: { phone, code: await codeFor(phone), totp: theirs.generate() } })).status).toBe(401);
    // Once every token of that time has expired, the operator signs in with their app and may change it.
    vi.setSystemTime(Date.now() + 11 * 60_000);
    const again = await signIn(phone, { totp: app.generate() });
    await expectOk(replace(again.accessToken, app.generate()));
    nextMinute();
    expect((await api.call('POST', '/v1/auth/tokens', { body: { phone, code: await codeFor(phone), totp: theirs.generate() } })).status).toBe(200);
  });
});

describe('the first operator', () => {
  test('added by `npm run add-operator` straight to the table, signs in by phone and code and can add the next user', async () => {
    const phone = somePhone();
    const added = await addOperator(phone, '首位运营');
    expect(added).toMatchObject({ phone, role: 'ops', totp: false });
    const tokens = await signIn(phone);
    expect(decodeJwt(tokens.accessToken)).toMatchObject({ sub: added.userId, role: 'ops' });
    await expectOk(api.call('POST', '/v1/users', { token: tokens.accessToken, key: true, body: { phone: somePhone(), name: '第二位', role: 'ops' } }), 201);
    // The same phone twice is refused: the table keeps one user per phone.
    await expect(addOperator(phone, '又一位')).rejects.toMatchObject({ status: 409 });
    await expect(addOperator('12345', '号码不对')).rejects.toThrow();
  });
});

describe('the kiosk', () => {
  test('paired once with the code the partner reads off the form: a kiosk token of that station that moves no money; ops can disable it', async () => {
    const partner = await api.token('partner', stationA, 'partner-pairing');
    const pairing = await expectOk(api.call('POST', `/v1/stations/${stationA}/kiosk-pairings`, { token: partner, key: true }), 201);
    expect(pairing.code).toMatch(/^\d{8}$/);
    const kiosk = await expectOk(api.call('POST', '/v1/auth/kiosk', { body: { code: pairing.code } }));
    const claims = decodeJwt(kiosk.accessToken);
    expect(claims).toMatchObject({ role: 'kiosk', stationId: stationA });
    // Once only.
    expect((await api.call('POST', '/v1/auth/kiosk', { body: { code: pairing.code } })).status).toBe(401);
    expect((await api.call('GET', `/v1/stations/${stationA}`, { token: kiosk.accessToken })).status).toBe(200);
    const order = await api.call('POST', `/v1/stations/${stationA}/orders`, { token: kiosk.accessToken, key: true, body: {} });
    expect(order.status).toBe(403);
    // Another station's partner cannot pair a kiosk here.
    const other = await api.token('partner', stationB, 'partner-b');
    expect((await api.call('POST', `/v1/stations/${stationA}/kiosk-pairings`, { token: other, key: true })).status).toBe(404);
    // Ops see it as a user of the station, and disabling it ends its sign-in.
    await expectOk(api.call('PATCH', `/v1/users/${claims.sub}`, { token: ops, key: true, body: { disabled: true } }));
    expect((await refresh(kiosk.refreshToken)).status).toBe(401);
  });
});

describe('brute force', () => {
  test('the fifth wrong code locks the code: the right one no longer works', async () => {
    const phone = somePhone();
    await addUser({ phone, name: '陈合伙', role: 'partner', stationId: stationA });
    const code = await codeFor(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await api.call('POST', '/v1/auth/tokens', { body: { phone, code: wrong } }));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[4]!.body.detail).toMatch(/Too many wrong codes/);
    const right = await api.call('POST', '/v1/auth/tokens', { body: { phone, code } });
    expect(right.status).toBe(401);
    expect(right.body.detail).toMatch(/Too many wrong codes/);
  });

  test('codes to one phone: 1 a minute, 5 an hour, the same for a stranger’s phone', async () => {
    for (const phone of [somePhone(), somePhone()]) {
      expect((await api.call('POST', '/v1/auth/codes', { body: { phone } })).status).toBe(202);
      const again = await api.call('POST', '/v1/auth/codes', { body: { phone } });
      expect(again.status).toBe(429);
      expect(again.body.code).toBe('too-many-requests');
    }
  });
});

describe('the local verifier checks tokens as the HTTP API authorizer does', () => {
  const station = () => stationA;
  const claims = () => accessClaims({ sub: 'p-verify', role: 'partner', stationId: station() }, new Date());
  const status = async (token: string) => (await cashOf(station(), token)).status;

  test('a token of the right shape works; each thing wrong with it is a 401', async () => {
    expect(await status(await localSigner.sign(claims()))).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    // Expired, from the future, a foreign issuer or audience, no exp.
    expect(await status(await localSigner.sign({ ...claims(), iat: now - 1200, exp: now - 600 }))).toBe(401);
    expect(await status(await localSigner.sign({ ...claims(), iat: now + 600, exp: now + 1200 }))).toBe(401);
    expect(await status(await localSigner.sign({ ...claims(), iss: 'https://issuer.example' }))).toBe(401);
    expect(await status(await localSigner.sign({ ...claims(), aud: 'someone-else' }))).toBe(401);
    const { exp: _exp, ...noExp } = claims();
    expect(await status(await localSigner.sign(noExp))).toBe(401);
  });

  test('another key, alg none, or an HMAC keyed with the public key: 401', async () => {
    const kid = await localSigner.kid();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const stranger = await importJWK(privateKey.export({ format: 'jwk' }) as never, 'ES256');
    expect(await status(await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid }).sign(stranger))).toBe(401);
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT', kid }))}.${base64url.encode(JSON.stringify(claims()))}.`;
    expect(await status(none)).toBe(401);
    const publicJwk = await localSigner.publicJwk();
    const hmac = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid }).sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    expect(await status(hmac)).toBe(401);
  });
});
