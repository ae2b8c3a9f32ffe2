import { createStation as newStation } from '#domain/station.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as stationStore from '#store/stations.ts';
import type { networkApi } from './api.ts';

export const createStation: RouteHandler<typeof networkApi.createStation> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const station = newStation(req.body, req.now);
      return { status: 201, body: station, writes: [stationStore.create(station)] };
    },
  });
