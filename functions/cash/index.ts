import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { cashApi as api } from './api.ts';
import { countCash } from './count-cash.ts';
import { getCash, listEntries, listStationCash } from './read-cash.ts';
import { remit } from './remit.ts';
import { confirmRemittance, getRemittance, listFlaggedCounts, listRemittances, listStationRemittances, rejectRemittance } from './remittances.ts';
import { getRisk } from './risk.ts';
import { getStatement, rankStations } from './statements.ts';

export const routes = [
  bind(api.getCash, getCash),
  bind(api.listStationCash, listStationCash),
  bind(api.listEntries, listEntries),
  bind(api.remit, remit),
  bind(api.listStationRemittances, listStationRemittances),
  bind(api.listRemittances, listRemittances),
  bind(api.getRemittance, getRemittance),
  bind(api.confirmRemittance, confirmRemittance),
  bind(api.rejectRemittance, rejectRemittance),
  bind(api.countCash, countCash),
  bind(api.listFlaggedCounts, listFlaggedCounts),
  bind(api.getStatement, getStatement),
  bind(api.rankStations, rankStations),
  bind(api.getRisk, getRisk),
];

export const handler = apiHandler(routes, { atColdStart: db });
