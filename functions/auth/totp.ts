import { totpChangeLocked } from '#domain/user.ts';
import type { RouteHandler } from '#http/route.ts';
import { NotFoundError, SignInRefusedError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { accessTokenSeconds } from '#shared/tokens/signer.ts';
import * as userStore from '#store/users.ts';
import type { authApi } from './api.ts';
import { totpMatches } from './issue-tokens.ts';

/**
 * An operator's authenticator app, enrolled: the code it shows now proves it holds the secret.
 * Replacing an app already enrolled also takes the old app's code, so an access token alone
 * (a stolen one, an unlocked PC) cannot move the second factor to another phone; guessing that
 * code ends the session at the 5th wrong one (docs/rules.md "Signing in").
 */
export const confirmTotp: RouteHandler<typeof authApi.confirmTotp> = async (req) => {
  const [found, lockedUntil] = await Promise.all([userStore.withSecret(req.principal.sub), userStore.totpLockedUntil(req.principal.sub)]);
  if (!found || found.user.role !== 'ops') throw new NotFoundError('user');
  if (found.totpSecret) {
    if (totpChangeLocked(lockedUntil, req.now)) throw new SignInRefusedError(msg('totp-change-locked'), 'totp-change-locked');
    if (!req.body.currentTotp) throw new SignInRefusedError(msg('totp-change-needs-current'), 'totp-required');
    if (!totpMatches(found.totpSecret, req.body.currentTotp, req.now)) {
      const locked = await userStore.totpWrong(found.user.userId, req.now, new Date(req.now.getTime() + accessTokenSeconds * 1000));
      throw locked ? new SignInRefusedError(msg('totp-change-locked'), 'totp-change-locked') : new SignInRefusedError(msg('sign-in-totp-wrong'));
    }
  }
  if (!totpMatches(req.body.secret, req.body.totp, req.now)) throw new SignInRefusedError(msg('sign-in-totp-wrong'));
  const writes = userStore.setTotp(found.user, req.body.secret, req.now);
  await userStore.runUnkeyed(writes);
  return { status: 200, body: { ...found.user, totp: true, updatedAt: req.now.toISOString() } };
};
