import { messageView } from '#domain/message.ts';
import type { RouteHandler } from '#http/route.ts';
import * as messageStore from '#store/messages.ts';
import type { messagesApi } from './api.ts';

export const listStationMessages: RouteHandler<typeof messagesApi.listStationMessages> = async (req) => {
  const page = await messageStore.listForStation(req.params.stationId, {
    status: req.query.status,
    villagerId: req.query.villagerId,
    limit: req.query.limit ?? 50,
    cursor: req.query.next,
  });
  return { status: 200, body: { ...page, items: page.items.map(messageView) } };
};

export const listUnreachedMessages: RouteHandler<typeof messagesApi.listUnreachedMessages> = async (req) => {
  const page = await messageStore.listUnreached(req.query.limit ?? 100, req.query.next);
  return { status: 200, body: { ...page, items: page.items.map((m) => ({ ...messageView(m), stationId: m.stationId })) } };
};
