import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { afterSalesApi as api } from './api.ts';
import { approveClaim, getClaim, listClaims, listOpenClaims, openClaim, recordRepair, rejectClaim, resolveClaim } from './claims.ts';
import { cancelInstallation, completeInstallation, listInstallations, rescheduleInstallation, scheduleInstallation } from './installations.ts';

export const routes = [
  bind(api.listInstallations, listInstallations),
  bind(api.scheduleInstallation, scheduleInstallation),
  bind(api.rescheduleInstallation, rescheduleInstallation),
  bind(api.completeInstallation, completeInstallation),
  bind(api.cancelInstallation, cancelInstallation),
  bind(api.openClaim, openClaim),
  bind(api.listClaims, listClaims),
  bind(api.listOpenClaims, listOpenClaims),
  bind(api.getClaim, getClaim),
  bind(api.resolveClaim, resolveClaim),
  bind(api.approveClaim, approveClaim),
  bind(api.rejectClaim, rejectClaim),
  bind(api.recordRepair, recordRepair),
];

export const handler = apiHandler(routes, { atColdStart: db });
