import { route } from '#http/route.ts';
import * as r from './responses.ts';
import * as s from './schemas.ts';

/** Messages to villagers' phones (docs/rules.md "Messages to phones"; the gateway: docs/sms-gateway.md). */
export const messagesApi = {
  smsReceipts: route({
    operationId: 'smsReceipts',
    method: 'POST',
    path: '/v1/sms/receipts',
    fn: 'messages',
    summary: "The SMS gateway's delivery receipts (signed with the shared secret, as the gateway signs them; no token): each message DELIVERED or UNDELIVERED",
    access: 'public',
    tenancy: 'none',
    idempotent: false,
    throttle: { ratePerSecond: 50, burst: 100 },
    body: s.Receipts,
    response: { status: 200, description: 'Taken: `{ "code": 0 }`, which stops the gateway pushing them again', schema: r.ReceiptAnswer },
  }),
  listStationMessages: route({
    operationId: 'listStationMessages',
    method: 'GET',
    path: '/v1/stations/{stationId}/messages',
    fn: 'messages',
    summary: "A station's messages to villagers, newest first: where each went (the number masked) and whether it arrived; never a code",
    access: ['partner', 'ops'],
    tenancy: 'station',
    idempotent: false,
    params: s.StationParams,
    query: s.StationMessagesQuery,
    response: { status: 200, description: 'A page of messages (a page filtered by villager or status may come back short, with next)', schema: r.MessageList },
  }),
  listUnreachedMessages: route({
    operationId: 'listUnreachedMessages',
    method: 'GET',
    path: '/v1/messages/unreached',
    fn: 'messages',
    summary: 'Messages that did not reach their villager (undelivered, or refused by the gateway), across stations, by station (ops)',
    access: ['ops'],
    tenancy: 'none',
    idempotent: false,
    query: s.ListQuery,
    response: { status: 200, description: 'A page of messages, each with its station', schema: r.UnreachedList },
  }),
  resendMessage: route({
    operationId: 'resendMessage',
    method: 'POST',
    path: '/v1/messages/{messageId}/resend',
    fn: 'messages',
    summary: 'Send a notice again (a villager says it never came), within the gateway’s limits; a message with a code is never resent: reprint the receipt',
    access: ['partner'],
    tenancy: 'object',
    idempotent: true,
    params: s.MessageParams,
    response: { status: 201, description: 'The new message, queued', schema: r.Message },
  }),
};
