import { createStation as newStation } from '../../shared/domain/station.ts';
import type { RouteHandler } from '../../shared/http/route.ts';
import { runCommand } from '../../shared/store/command.ts';
import { stationStore } from '../../shared/store/stations.ts';
import type { networkApi } from './api.ts';

export const createStation: RouteHandler<typeof networkApi.createStation> = (req) =>
  runCommand(req.idempotency, async () => {
    const station = newStation(req.body, req.now);
    return { status: 201, body: station, writes: [stationStore.create(station)] };
  });
