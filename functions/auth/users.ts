import { changeUser as applyChanges, newUser } from '#domain/user.ts';
import type { RouteHandler } from '#http/route.ts';
import { NotFoundError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { runCommand } from '#store/command.ts';
import * as stationStore from '#store/stations.ts';
import * as userStore from '#store/users.ts';
import type { authApi } from './api.ts';

async function assertStation(stationId: string | undefined): Promise<void> {
  if (stationId) await stationStore.get(stationId);
}

export const createUser: RouteHandler<typeof authApi.createUser> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      await assertStation(req.body.stationId);
      const { user, change } = newUser(req.body, newId('user', req.now.getTime()), req.principal.sub, req.now);
      return { status: 201, body: user, writes: userStore.create(user, change) };
    },
  });

/** A move, a role, a new phone or disabling raise the user's session version: every refresh token they hold stops working now. */
export const changeUser: RouteHandler<typeof authApi.changeUser> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const before = await userStore.withSecret(req.params.userId);
      if (!before) throw new NotFoundError('user');
      await assertStation(req.body.stationId);
      const { user, changes } = applyChanges(before.user, req.body, req.principal.sub, req.now);
      return { status: 200, body: user, writes: userStore.save(before.user, user, changes, before.totpSecret) };
    },
  });

export const listUsers: RouteHandler<typeof authApi.listUsers> = async (req) => ({
  status: 200,
  body: await userStore.list(req.query.limit ?? 50, req.query.next),
});

export const listUserChanges: RouteHandler<typeof authApi.listUserChanges> = async (req) => {
  if (!(await userStore.get(req.params.userId))) throw new NotFoundError('user');
  return { status: 200, body: await userStore.changes(req.params.userId, req.query.limit ?? 50, req.query.next) };
};

/** The signed-in user, as ops see them (the second factor's secret never leaves the table). */
export const getMe: RouteHandler<typeof authApi.getMe> = async (req) => {
  const user = await userStore.get(req.principal.sub);
  if (!user) throw new NotFoundError('user');
  return { status: 200, body: user };
};
