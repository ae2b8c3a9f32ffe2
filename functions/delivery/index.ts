import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { deliveryApi as api } from './api.ts';
import { dropParcel, moveStop, startRun } from './change-run.ts';
import { completeStop } from './complete-stop.ts';
import { planRun } from './plan-run.ts';
import { getRun, getRunSheet, listRuns } from './read-runs.ts';
import { getRoadDistances, setRoadDistance } from './road-distances.ts';
import { bookTask, listTasks } from './tasks.ts';

export const routes = [
  bind(api.bookTask, bookTask),
  bind(api.listTasks, listTasks),
  bind(api.setRoadDistance, setRoadDistance),
  bind(api.getRoadDistances, getRoadDistances),
  bind(api.planRun, planRun),
  bind(api.listRuns, listRuns),
  bind(api.getRun, getRun),
  bind(api.getRunSheet, getRunSheet),
  bind(api.moveStop, moveStop),
  bind(api.dropParcel, dropParcel),
  bind(api.startRun, startRun),
  bind(api.completeStop, completeStop),
];

export const handler = apiHandler(routes, { atColdStart: db });
