import { withJobs } from '#functions/jobs.ts';
import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { parcelsApi as api } from './api.ts';
import { listCouriers, putCourier } from './couriers.ts';
import { setDeliveryPreference } from './delivery-preference.ts';
import { pickUpParcel } from './pick-up.ts';
import { getParcel, listParcels } from './read-parcels.ts';
import { remindParcels } from './reminders.ts';
import { returnParcel } from './return-parcel.ts';
import { unlockParcel } from './unlock-parcel.ts';
import { scanParcel } from './scan-parcel.ts';

export const routes = [
  bind(api.scanParcel, scanParcel),
  bind(api.listParcels, listParcels),
  bind(api.getParcel, getParcel),
  bind(api.pickUpParcel, pickUpParcel),
  bind(api.returnParcel, returnParcel),
  bind(api.putCourier, putCourier),
  bind(api.listCouriers, listCouriers),
  bind(api.setDeliveryPreference, setDeliveryPreference),
  bind(api.unlockParcel, unlockParcel),
];

export const handler = withJobs('parcels', { 'remind-parcels': () => remindParcels() }, apiHandler(routes, { atColdStart: db }));
