import { withJobs } from '#functions/jobs.ts';
import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { tabsApi as api } from './api.ts';
import { askConfirmation } from './confirmations.ts';
import { getTab, listStationTabs, tabBook } from './read-tab.ts';
import { remindTabs } from './reminders.ts';
import { repayTab, writeOffTab } from './repay.ts';
import { approveTabRequest, listTabRequests, listVillagerTabRequests, rejectTabRequest, requestTab } from './requests.ts';

export const routes = [
  bind(api.askConfirmation, askConfirmation),
  bind(api.getTab, getTab),
  bind(api.requestTab, requestTab),
  bind(api.listVillagerTabRequests, listVillagerTabRequests),
  bind(api.listStationTabs, listStationTabs),
  bind(api.listTabRequests, listTabRequests),
  bind(api.approveTabRequest, approveTabRequest),
  bind(api.rejectTabRequest, rejectTabRequest),
  bind(api.repayTab, repayTab),
  bind(api.writeOffTab, writeOffTab),
  bind(api.tabBook, tabBook),
];

export const handler = withJobs('tabs', { 'remind-tabs': () => remindTabs() }, apiHandler(routes, { atColdStart: db }));
