import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { produceApi as api } from './api.ts';
import { dispatchLot, getLot, listLots, listStationLots } from './lots.ts';
import { payOutCredit } from './payout.ts';
import { listProduce, putProduce } from './prices.ts';
import { quoteWeighTicket, writeWeighTicket } from './weigh.ts';

export const routes = [
  bind(api.putProduce, putProduce),
  bind(api.listProduce, listProduce),
  bind(api.quoteWeighTicket, quoteWeighTicket),
  bind(api.writeWeighTicket, writeWeighTicket),
  bind(api.payOutCredit, payOutCredit),
  bind(api.listStationLots, listStationLots),
  bind(api.listLots, listLots),
  bind(api.getLot, getLot),
  bind(api.dispatchLot, dispatchLot),
];

export const handler = apiHandler(routes, { atColdStart: db });
