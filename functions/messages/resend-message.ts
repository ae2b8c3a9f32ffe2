import { assertStationAccess } from '#domain/access.ts';
import { messageView, resendOf } from '#domain/message.ts';
import type { RouteHandler } from '#http/route.ts';
import { NotFoundError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { runCommand } from '#store/command.ts';
import * as messageStore from '#store/messages.ts';
import * as villagerStore from '#store/villagers.ts';
import type { messagesApi } from './api.ts';

/** A notice again, as a new message (the gateway's limits apply to it like any other); the first keeps its own record. */
export const resendMessage: RouteHandler<typeof messagesApi.resendMessage> = (req) =>
  runCommand(req.idempotency, {
    reads: [messageStore.read(req.params.messageId)],
    plan: async ([original]) => {
      if (!original) throw new NotFoundError('message');
      assertStationAccess(req.principal, original.stationId, 'message');
      const villager = (await villagerStore.find(original.stationId, original.villagerId)) ?? { villagerId: original.villagerId };
      const again = resendOf(original, villager, newId('message', req.now.getTime()), req.now);
      return { status: 201, body: messageView(again), writes: messageStore.queue(again, req.now) };
    },
  });
