import { changeStation as applyChanges } from '#domain/station.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as stationStore from '#store/stations.ts';
import type { networkApi } from './api.ts';

export const changeStation: RouteHandler<typeof networkApi.changeStation> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const station = applyChanges(await stationStore.get(req.params.stationId), req.body, req.now);
      return { status: 200, body: station, writes: [stationStore.replace(station)] };
    },
  });
