import { riskSignals } from '#domain/risk.ts';
import type { RouteHandler } from '#http/route.ts';
import { msg, render } from '#shared/i18n/messages.ts';
import * as riskStore from '#store/risk.ts';
import type { cashApi } from './api.ts';

/** The last 30 days across stations, the most signals first, each count with its reason in the caller's language. */
export const getRisk: RouteHandler<typeof cashApi.getRisk> = async (req) => {
  const { stations, from, to, cutShort } = await riskStore.window(req.now, req.query.limit ?? 100);
  const items = stations.map(({ counts, ...s }) => ({
    ...s,
    signals: riskSignals
      .filter((signal) => counts[signal] > 0)
      .map((signal) => ({ signal, count: counts[signal], reason: render(msg(`risk.${signal}`), req.lang) })),
  }));
  return { status: 200, body: { from, to, cutShort, items } };
};
