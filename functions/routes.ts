import type { RouteSpec } from '#http/route.ts';
import { billsApi } from './bills/api.ts';
import { afterSalesApi } from './aftersales/api.ts';
import { cashApi } from './cash/api.ts';
import { catalogApi } from './catalog/api.ts';
import { deliveryApi } from './delivery/api.ts';
import { networkApi } from './network/api.ts';
import { ordersApi } from './orders/api.ts';
import { platformApi } from './platform/api.ts';
import { produceApi } from './produce/api.ts';
import { readinessApi } from './readiness/api.ts';

/**
 * The route table: every route of the HTTP API. CDK builds the API's routes
 * from it, the local server dispatches with it, the OpenAPI document, the fuzz
 * harness and the tenancy matrix all walk it.
 */
export const routeTable: readonly RouteSpec[] = [
  ...Object.values(platformApi),
  ...Object.values(readinessApi),
  ...Object.values(networkApi),
  ...Object.values(catalogApi),
  ...Object.values(ordersApi),
  ...Object.values(cashApi),
  ...Object.values(deliveryApi),
  ...Object.values(billsApi),
  ...Object.values(produceApi),
  ...Object.values(afterSalesApi),
];
