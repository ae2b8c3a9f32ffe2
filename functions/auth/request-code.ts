import { randomInt } from 'node:crypto';
import { codeLength, codeLifetimeMs, mayAskCode, maySignIn } from '#domain/user.ts';
import type { RouteHandler } from '#http/route.ts';
import { TooManyRequestsError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import * as signInStore from '#store/sign-in.ts';
import * as userStore from '#store/users.ts';
import type { authApi } from './api.ts';

/** Sign-in requests (codes asked, codes tried) one address may make in an hour: a script walking through phone numbers stops here. */
export const perAddressHourly = (): number => Number(process.env.SIGN_IN_ADDRESS_LIMIT ?? 30);

export const hourOf = (now: Date) => now.toISOString().slice(0, 13);

/** Past the address's hourly allowance: 429. */
export async function countAddress(sourceIp: string, now: Date): Promise<void> {
  if (!(await signInStore.countFrom(sourceIp, hourOf(now), perAddressHourly(), now))) {
    throw new TooManyRequestsError(msg('sign-in-too-many', { minutes: 60 - now.getUTCMinutes() }), 3600 - (Math.floor(now.getTime() / 1000) % 3600));
  }
}

/**
 * A code for a phone. The phone's sends are counted whether it is a user's or
 * not, and the answer is the same either way: only a user's phone gets the
 * message (an outbox item, written with the code's state).
 */
export const requestSignInCode: RouteHandler<typeof authApi.requestSignInCode> = async (req) => {
  const { phone } = req.body;
  await countAddress(req.raw.sourceIp, req.now);
  const before = await signInStore.code(phone);
  const { ok, today } = mayAskCode(before, req.now);
  if (!ok) throw new TooManyRequestsError(msg('sign-in-too-many', { minutes: today.length >= 10 ? 60 * 24 : 1 }), 60);
  const userId = await userStore.userIdByPhone(phone);
  const user = userId ? await userStore.get(userId) : undefined;
  const code = String(randomInt(0, 10 ** codeLength)).padStart(codeLength, '0');
  const expiresAt = new Date(req.now.getTime() + codeLifetimeMs).toISOString();
  const saved = await signInStore.saveCode(
    before,
    {
      phone,
      codeHash: signInStore.codeHash(phone, code, expiresAt),
      codeExpiresAt: expiresAt,
      wrongTries: 0,
      sentAt: [...today, req.now.toISOString()],
      version: (before?.version ?? 0) + 1,
    },
    maySignIn(user) ? { userId: user.userId, code } : undefined,
    req.now,
  );
  if (!saved) throw new TooManyRequestsError(msg('sign-in-too-many', { minutes: 1 }), 60);
  return { status: 202, body: { expiresIn: codeLifetimeMs / 1000 } };
};
