import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { networkApi as api } from './api.ts';
import { changeStation } from './change-station.ts';
import { correctVillager, deleteVillager } from './change-villager.ts';
import { createStation } from './create-station.ts';
import { findVillagers, getVillager } from './find-villagers.ts';
import { getStation, listStations } from './read-stations.ts';
import { registerVillager } from './register-villager.ts';

export const routes = [
  bind(api.createStation, createStation),
  bind(api.listStations, listStations),
  bind(api.getStation, getStation),
  bind(api.changeStation, changeStation),
  bind(api.registerVillager, registerVillager),
  bind(api.findVillagers, findVillagers),
  bind(api.getVillager, getVillager),
  bind(api.correctVillager, correctVillager),
  bind(api.deleteVillager, deleteVillager),
];

export const handler = apiHandler(routes, { atColdStart: db });
