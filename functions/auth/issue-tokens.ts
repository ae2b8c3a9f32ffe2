import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { checkCode, checkRefresh, maxWrongCodes, maySignIn, type FamilyState, type RefreshState, type User } from '#domain/user.ts';
import type { RouteHandler } from '#http/route.ts';
import { newId } from '#shared/ids.ts';
import { msg } from '#shared/i18n/messages.ts';
import { SignInRefusedError } from '#shared/errors.ts';
import { accessClaims } from '#shared/tokens/claims.ts';
import { tokenSigner } from '#shared/tokens/current.ts';
import { accessTokenSeconds, refreshTokenDays } from '#shared/tokens/signer.ts';
import * as signInStore from '#store/sign-in.ts';
import * as userStore from '#store/users.ts';
import type { authApi } from './api.ts';
import { countAddress } from './request-code.ts';

export type Answer = Awaited<ReturnType<RouteHandler<typeof authApi.issueTokens>>>;

const refreshExpiry = (now: Date) => new Date(now.getTime() + refreshTokenDays * 24 * 3_600_000).toISOString();

/** A refresh token: its id (the item's key) and a secret kept only as a hash. */
export function newRefresh(familyId: string, userId: string, now: Date): { state: RefreshState; token: string } {
  const tokenId = newId('refresh', now.getTime());
  const secret = randomBytes(32).toString('base64url');
  return { state: { tokenId, familyId, userId, hash: signInStore.sha256(secret), validUntil: refreshExpiry(now) }, token: `${tokenId}.${secret}` };
}

export async function tokens(user: User, familyId: string, refreshToken: string, now: Date): Promise<Answer> {
  const accessToken = await tokenSigner().sign(accessClaims({ sub: user.userId, role: user.role, stationId: user.stationId, sid: familyId }, now));
  return { status: 200, body: { accessToken, refreshToken, expiresIn: accessTokenSeconds, tokenType: 'Bearer' } };
}

/** An operator's second factor: the authenticator's code now (or a step either side). */
export function totpMatches(secret: string, token: string, now: Date): boolean {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.validate({ token, timestamp: now.getTime(), window: 1 }) !== null;
}

async function signIn(body: { phone: string; code: string; totp?: string | undefined }, now: Date): Promise<Answer> {
  const state = await signInStore.code(body.phone);
  const matches = state?.codeExpiresAt !== undefined && state.codeHash === signInStore.codeHash(body.phone, body.code, state.codeExpiresAt);
  const check = checkCode(state, matches, now);
  if (check === 'locked') throw new SignInRefusedError(msg('sign-in-code-locked'));
  if (check === 'none') throw new SignInRefusedError(msg('sign-in-code-wrong'));
  if (check === 'wrong') {
    await signInStore.codeTried(state!, 'wrong');
    throw new SignInRefusedError(msg(state!.wrongTries + 1 >= maxWrongCodes ? 'sign-in-code-locked' : 'sign-in-code-wrong'));
  }
  const userId = await userStore.userIdByPhone(body.phone);
  const found = userId ? await userStore.withSecret(userId) : undefined;
  // A code sent to nobody cannot be right; a user disabled meanwhile is told no more than a stranger.
  if (!found || !maySignIn(found.user)) throw new SignInRefusedError(msg('sign-in-code-wrong'));
  if (found.user.role === 'ops' && found.totpSecret) {
    if (!body.totp) throw new SignInRefusedError(msg('sign-in-totp-needed'), 'totp-required');
    if (!totpMatches(found.totpSecret, body.totp, now)) {
      await signInStore.codeTried(state!, 'wrong');
      throw new SignInRefusedError(msg('sign-in-totp-wrong'));
    }
  }
  if (!(await signInStore.codeTried(state!, 'used'))) throw new SignInRefusedError(msg('sign-in-code-wrong'));
  const family: FamilyState = { familyId: newId('session', now.getTime()), userId: found.user.userId, sessionVersion: found.user.sessionVersion };
  const first = newRefresh(family.familyId, family.userId, now);
  await signInStore.start(family, first.state);
  return tokens(found.user, family.familyId, first.token, now);
}

async function refresh(refreshToken: string, now: Date): Promise<Answer> {
  const [tokenId = '', secret = ''] = refreshToken.split('.');
  const token = /^rt_[0-9A-HJKMNP-TV-Z]{26}$/.test(tokenId) ? await signInStore.refresh(tokenId) : undefined;
  const family = token ? await signInStore.session(token.familyId) : undefined;
  const user = token ? await userStore.get(token.userId) : undefined;
  const check = checkRefresh(token, family, user, signInStore.hashMatches(secret, token?.hash), now);
  if (check === 'reused') {
    // A token already exchanged, shown again: it was copied. Its whole sign-in ends.
    await signInStore.revoke(token!.familyId, now);
    throw new SignInRefusedError(msg('sign-in-refresh-refused'));
  }
  if (check !== 'ok') throw new SignInRefusedError(msg('sign-in-refresh-refused'));
  const next = newRefresh(family!.familyId, user!.userId, now);
  if (!(await signInStore.rotate(token!, next.state, now))) {
    await signInStore.revoke(token!.familyId, now);
    throw new SignInRefusedError(msg('sign-in-refresh-refused'));
  }
  return tokens(user!, family!.familyId, next.token, now);
}

export const issueTokens: RouteHandler<typeof authApi.issueTokens> = async (req) => {
  const body = req.body;
  if ('refreshToken' in body) return refresh(body.refreshToken, req.now);
  await countAddress(req.raw.sourceIp, req.now);
  return signIn(body, req.now);
};
