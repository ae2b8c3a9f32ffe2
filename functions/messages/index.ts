import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { messagesApi as api } from './api.ts';
import { listStationMessages, listUnreachedMessages } from './read-messages.ts';
import { smsReceipts } from './receipts.ts';
import { resendMessage } from './resend-message.ts';

export const routes = [
  bind(api.smsReceipts, smsReceipts),
  bind(api.listStationMessages, listStationMessages),
  bind(api.listUnreachedMessages, listUnreachedMessages),
  bind(api.resendMessage, resendMessage),
];

export const handler = apiHandler(routes, { atColdStart: db });
