import { codeMatches } from '#shared/codes.ts';
import { NotFoundError } from '#shared/errors.ts';
import { tabOfRequest, tabRequestId } from '#shared/ids.ts';
import { approveRequest, assertHasPhone, checkConfirmation, rejectRequest, requestTab as ask, viewTab, type TabRequest } from '#domain/tab.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import { villagerRead, villagerStillThere } from '#store/produce.ts';
import * as tabStore from '#store/tabs.ts';
import * as produceSoldStore from '#store/produce-sold.ts';
import * as tabRequestStore from '#store/tab-requests.ts';
import * as confirmationStore from '#store/confirmations.ts';
import type { tabsApi } from './api.ts';

const known = (request: TabRequest | undefined): TabRequest => {
  if (!request) throw new NotFoundError('tabRequest');
  return request;
};

/** One read (villager, confirmation, produce sold) and one write (the request, its listing, the code used). A wrong code writes nothing. */
export const requestTab: RouteHandler<typeof tabsApi.requestTab> = (req) => {
  const { stationId, villagerId } = req.params;
  return runCommand(req.idempotency, {
    reads: [villagerRead(stationId, villagerId), confirmationStore.read(stationId, req.body.confirmationId), produceSoldStore.read(stationId, villagerId)],
    plan: async ([villager, confirmation, producePaidFen]) => {
      assertHasPhone(villager);
      const used = checkConfirmation(confirmation, { villagerId, purpose: 'TAB_CONSENT', amountFen: req.body.limitFen }, req.body.code, codeMatches, req.now);
      const request = ask({
        requestId: tabRequestId(stationId, villagerId, req.now.getTime()),
        stationId,
        villagerId,
        limitFen: req.body.limitFen,
        confirmation: used,
        producePaidFen,
        by: req.principal.sub,
        now: req.now,
      });
      return {
        status: 201,
        body: request,
        writes: [tabRequestStore.save(request), confirmationStore.use(used), villagerStillThere(stationId, villagerId)],
      };
    },
  });
};

export const listVillagerTabRequests: RouteHandler<typeof tabsApi.listVillagerTabRequests> = async (req) => {
  const { stationId, villagerId } = req.params;
  const page = await tabRequestStore.ofVillager(stationId, villagerId, req.query.limit ?? 20, req.query.next);
  return { status: 200, body: { items: page.items, ...(page.next ? { next: page.next } : {}) } };
};

export const listTabRequests: RouteHandler<typeof tabsApi.listTabRequests> = async (req) => {
  const page = await tabRequestStore.ofStatus(req.query.status ?? 'PENDING', req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { items: page.items, ...(page.next ? { next: page.next } : {}) } };
};

/** The request and the tab it names, read together (the request's id names the tab); the tab's write is conditioned on the version read, the request's on PENDING. */
export const approveTabRequest: RouteHandler<typeof tabsApi.approveTabRequest> = (req) => {
  const { stationId, villagerId } = tabOfRequest(req.params.requestId);
  return runCommand(req.idempotency, {
    reads: [tabRequestStore.read(req.params.requestId), tabStore.read(stationId, villagerId)],
    plan: async ([request, tab]) => {
      const decided = approveRequest(known(request), tab, req.body ?? {}, req.principal.sub, req.now);
      return {
        status: 200,
        body: { request: decided.request, tab: viewTab(decided.tab, decided.tab.stationId, decided.tab.villagerId, req.now) },
        writes: [tabRequestStore.save(decided.request), tabStore.save(tab, decided.tab)],
      };
    },
  });
};

export const rejectTabRequest: RouteHandler<typeof tabsApi.rejectTabRequest> = (req) =>
  runCommand(req.idempotency, {
    reads: [tabRequestStore.read(req.params.requestId)],
    plan: async ([request]) => {
      const decided = rejectRequest(known(request), req.body.reason, req.principal.sub, req.now);
      return { status: 200, body: { request: decided }, writes: [tabRequestStore.save(decided)] };
    },
  });
