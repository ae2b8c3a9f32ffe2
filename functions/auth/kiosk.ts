import { randomInt } from 'node:crypto';
import { newKiosk, pairingCodeLength, pairingLifetimeMs, type FamilyState } from '#domain/user.ts';
import type { RouteHandler } from '#http/route.ts';
import { SignInRefusedError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { msg } from '#shared/i18n/messages.ts';
import { runCommand } from '#store/command.ts';
import * as signInStore from '#store/sign-in.ts';
import * as userStore from '#store/users.ts';
import type { authApi } from './api.ts';
import { newRefresh, tokens } from './issue-tokens.ts';
import { countAddress } from './request-code.ts';

/** A partner makes a one-time code for their station's kiosk (kept hashed; the answer shows it once, and a retry of the same request the same). */
export const createKioskPairing: RouteHandler<typeof authApi.createKioskPairing> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const code = String(randomInt(0, 10 ** pairingCodeLength)).padStart(pairingCodeLength, '0');
      const validUntil = new Date(req.now.getTime() + pairingLifetimeMs).toISOString();
      return { status: 201, body: { code, validUntil }, writes: [signInStore.pairing(code, req.params.stationId, req.principal.sub, validUntil)] };
    },
  });

/** The kiosk types the code: it becomes a user of the station in the kiosk role (ops see it, and may disable it), signed in. */
export const pairKiosk: RouteHandler<typeof authApi.pairKiosk> = async (req) => {
  await countAddress(req.raw.sourceIp, req.now);
  const pairing = await signInStore.usePairing(req.body.code, req.now);
  if (!pairing) throw new SignInRefusedError(msg('kiosk-pairing-refused'));
  const { user, change } = newKiosk(newId('user', req.now.getTime()), pairing.stationId, pairing.by, req.now);
  await userStore.runUnkeyed(userStore.createKiosk(user, change));
  const family: FamilyState = { familyId: newId('session', req.now.getTime()), userId: user.userId, sessionVersion: user.sessionVersion };
  const first = newRefresh(family.familyId, user.userId, req.now);
  await signInStore.start(family, first.state);
  const answer = await tokens(user, family.familyId, first.token, req.now);
  return { status: 200, body: answer.body };
};
