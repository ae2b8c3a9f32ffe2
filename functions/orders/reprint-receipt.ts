import { codeSentTo, reissueReceipt } from '#domain/order.ts';
import type { RouteHandler } from '#http/route.ts';
import { issueCode } from '#shared/codes.ts';
import { newId } from '#shared/ids.ts';
import { runCommand } from '#store/command.ts';
import * as messageStore from '#store/messages.ts';
import * as orderStore from '#store/orders.ts';
import * as riskStore from '#store/risk.ts';
import * as villagerStore from '#store/villagers.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

/**
 * A new code for a reprinted receipt: by SMS to a villager whose phone got the
 * last one, else printed. Which villager and which message only the order
 * says, so they are a second read. A retry with the same key answers as the
 * first did (the record keeps the answer).
 */
export const reprintReceipt: RouteHandler<typeof ordersApi.reprintReceipt> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([read]) => {
      const [villager, lastCodeMessage] = await Promise.all([
        villagerStore.find(read.stationId, read.villagerId),
        read.codeMessageId ? messageStore.get(read.codeMessageId) : undefined,
      ]);
      const reprinted = reissueReceipt(read, req.now, {
        villager: villager ?? { villagerId: read.villagerId },
        lastCodeMessage,
        code: issueCode(),
        messageId: newId('message', req.now.getTime()),
      });
      const writes = [
        orderStore.save(reprinted.order),
        ...(reprinted.message ? messageStore.queue(reprinted.message, req.now) : []),
        riskStore.add(read.stationId, req.now, { reprints: 1, codesShownToPartner: reprinted.message ? 0 : 1 }),
      ];
      const sentTo = villager && codeSentTo(reprinted.order, villager);
      return {
        status: 200,
        body: {
          ...orderView(reprinted.order, req.principal),
          ...(reprinted.message && sentTo ? { codeSentTo: sentTo } : { deliveryCode: reprinted.deliveryCode }),
        },
        writes,
      };
    },
  });
