import type { RouteSpec } from '#http/route.ts';
import { afterSalesApi } from './aftersales/api.ts';
import { authApi } from './auth/api.ts';
import { billsApi } from './bills/api.ts';
import { cashApi } from './cash/api.ts';
import { catalogApi } from './catalog/api.ts';
import { deliveryApi } from './delivery/api.ts';
import { messagesApi } from './messages/api.ts';
import { networkApi } from './network/api.ts';
import { ordersApi } from './orders/api.ts';
import { parcelsApi } from './parcels/api.ts';
import { platformApi } from './platform/api.ts';
import { produceApi } from './produce/api.ts';
import { readinessApi } from './readiness/api.ts';
import { tabsApi } from './tabs/api.ts';

interface Context<Name> {
  /** Its routes; each names this context as its `fn`. */
  api: Record<string, RouteSpec & { fn: Name }>;
  /** What it does, in a sentence (the OpenAPI document's tag). */
  about: string;
}

/** Type-checks that each context's routes name the context they are listed under. */
const declare = <C extends { [K in keyof C]: Context<K> }>(contexts: C): C => contexts;

/**
 * Every bounded context of the API, one Lambda function each, in one place
 * (docs/architecture.md "Adding a context"): the route table, the functions
 * CDK deploys and the local server loads, and the OpenAPI tags all come from
 * here; tsc then asks for the context's table grant (infra/table-grants.ts),
 * and the fuzz harness and the tenancy matrix for an example request per route
 * (test/support/examples.ts).
 */
export const contexts = declare({
  platform: { api: platformApi, about: 'Liveness and this description of the API; touches no data.' },
  readiness: { api: readinessApi, about: 'Readiness: whether the API can reach its table.' },
  network: {
    api: networkApi,
    about: 'Stations, their villages and the villagers they serve (ops open stations; partners register villagers with consent).',
  },
  catalog: { api: catalogApi, about: 'The catalogue: ops keep products and prices, everyone browses and searches.' },
  orders: {
    api: ordersApi,
    about: 'Assisted orders from kiosk cart to hand-over and return: payments, cancellations, returns, the delivery code.',
  },
  cash: { api: cashApi, about: "A station's cash: balances, the journal, remittances, end-of-day counts, monthly statements and rankings." },
  delivery: {
    api: deliveryApi,
    about: 'The last kilometre: pick-up tasks, road distances, delivery runs planned, adjusted, started and recorded stop by stop.',
  },
  bills: {
    api: billsApi,
    about: 'Bills paid at the station in cash: billers, account look-ups and payments through the bill gateway, settled exactly once.',
  },
  produce: {
    api: produceApi,
    about: "Selling upward: buying prices, weigh tickets paid in cash or on the villager's credit, credit payouts, lots and their dispatch.",
  },
  aftersales: {
    api: afterSalesApi,
    about:
      "Installation and after-sales: installation jobs made at hand-over, scheduled and done with the villager's code; claims under the three guarantees (三包): return, exchange or repair.",
  },
  auth: {
    api: authApi,
    about: "Signing in by phone and SMS code: codes, access and refresh tokens, signing out, the issuer's keys; the users ops add, move and disable.",
  },
  messages: {
    api: messagesApi,
    about: "Messages to villagers' phones: what was sent where and whether it arrived, sending a notice again, and the SMS gateway's delivery receipts.",
  },
  parcels: {
    api: parcelsApi,
    about:
      "Parcels for the whole village (代收): couriers' parcels scanned in to a shelf slot, a pickup code by SMS, handed over by code (or phone digits and name), reminded on day 3, sent back after the station's keeping days; couriers' fees per parcel.",
  },
  tabs: {
    api: tabsApi,
    about:
      "Villagers' tabs (赊账): the platform's goods sold with a due date, never cash lent; consent by a code to the villager's phone, limits decided by ops, repayments in cash or from weigh tickets, reminders, write-offs and the tab book.",
  },
});

export type ContextName = keyof typeof contexts;
export const contextNames = Object.keys(contexts) as ContextName[];

/**
 * Functions no route calls. Each is a folder under functions/ whose index.ts
 * exports `handler`; its grant is in infra/table-grants.ts.
 */
export const workers = {
  outbox: 'Applies the outbox\'s effects: new outbox items, read from the table\'s stream (docs/architecture.md "The outbox").',
  audit: 'The nightly ledger audit: re-folds every station journal and checks the ledger invariants.',
} as const;

export type WorkerName = keyof typeof workers;
export type FunctionName = ContextName | WorkerName;

/** What a function does, for its description in AWS. */
export const about = (fn: FunctionName): string => (fn in workers ? workers[fn as WorkerName] : contexts[fn as ContextName].about);

/** A route of the table, with the context that serves it. */
export type DeployedRoute = RouteSpec & { fn: ContextName };

/**
 * The route table: every route of the HTTP API. CDK builds the API's routes
 * from it, the local server dispatches with it, the OpenAPI document, the fuzz
 * harness and the tenancy matrix all walk it.
 */
export const routeTable: readonly DeployedRoute[] = contextNames.flatMap((fn) => Object.values(contexts[fn].api) as DeployedRoute[]);

/** One OpenAPI tag per context, saying what it does. */
export const contextTags: Record<ContextName, string> = Object.fromEntries(contextNames.map((fn) => [fn, contexts[fn].about])) as Record<ContextName, string>;
