import { roadKey } from '#domain/delivery/distance.ts';
import { RuleError, fieldError } from '#shared/errors.ts';
import type { RouteHandler } from '#http/route.ts';
import * as roadStore from '#store/road-distances.ts';
import * as stationStore from '#store/stations.ts';
import type { deliveryApi } from './api.ts';
import { msg } from '#shared/i18n/messages.ts';

async function view(stationId: string) {
  const roads = await roadStore.get(stationId);
  return {
    stationId,
    distances: Object.entries(roads).map(([pair, km]) => {
      const [from, to] = pair.split('|') as [string, string];
      return { from, to, km };
    }),
  };
}

export const setRoadDistance: RouteHandler<typeof deliveryApi.setRoadDistance> = async (req) => {
  const { stationId } = req.params;
  const station = await stationStore.get(stationId);
  const places = new Set([station.stationId, ...station.villages.map((v) => v.villageId)]);
  const errors = (['from', 'to'] as const).filter((k) => !places.has(req.body[k])).map((k) => fieldError(`body.${k}`, 'field.notOurPlace'));
  if (req.body.from === req.body.to) errors.push(fieldError('body.to', 'field.differentPlaces'));
  if (errors.length) throw new RuleError('unknown-place', msg('unknown-place'), errors);
  await roadStore.set(stationId, roadKey(req.body.from, req.body.to), req.body.km, req.now);
  return { status: 200, body: await view(stationId) };
};

export const getRoadDistances: RouteHandler<typeof deliveryApi.getRoadDistances> = async (req) => ({ status: 200, body: await view(req.params.stationId) });
