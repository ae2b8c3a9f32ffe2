import { ulid } from 'ulid';
import { issueCode } from '#shared/codes.ts';
import { newId } from '#shared/ids.ts';
import { askConfirmation as ask, confirmationIdFor } from '#domain/tab.ts';
import { maskedPhone } from '#domain/message.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as messageStore from '#store/messages.ts';
import { villagerRead } from '#store/produce.ts';
import { stationCashRead } from '#store/station-cash.ts';
import * as confirmationStore from '#store/confirmations.ts';
import type { tabsApi } from './api.ts';

/** One read (station, villager) and one write (the confirmation, kept hashed, and its SMS as an outbox item). */
export const askConfirmation: RouteHandler<typeof tabsApi.askConfirmation> = (req) => {
  const { stationId, villagerId } = req.params;
  return runCommand(req.idempotency, {
    reads: [stationCashRead(stationId), villagerRead(stationId, villagerId)],
    plan: async ([{ station }, villager]) => {
      const { now } = req;
      const { confirmation, message } = ask({
        villager,
        stationName: station.name,
        purpose: req.body.purpose,
        amountFen: req.body.amountFen,
        dueDate: req.body.dueDate,
        confirmationId: confirmationIdFor(villagerId, ulid(now.getTime())),
        messageId: newId('message', now.getTime()),
        code: issueCode(),
        now,
      });
      return {
        status: 201,
        body: {
          confirmationId: confirmation.confirmationId,
          purpose: confirmation.purpose,
          amountFen: confirmation.amountFen,
          ...(confirmation.dueDate ? { dueDate: confirmation.dueDate } : {}),
          sentTo: maskedPhone(message.phoneTail),
          validUntil: confirmation.validUntil,
          text: confirmation.text,
          version: confirmation.version,
        },
        writes: [confirmationStore.put(confirmation), ...messageStore.queue(message, now)],
      };
    },
  });
};
