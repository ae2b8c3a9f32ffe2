import { maskName, type Biller } from '#domain/bill.ts';
import type { RouteHandler } from '#http/route.ts';
import { NotFoundError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import * as billerStore from '#store/billers.ts';
import type { billsApi } from './api.ts';
import { gateway } from './gateway.ts';

export const putBiller: RouteHandler<typeof billsApi.putBiller> = async (req) => {
  const existing = await billerStore.find(req.params.billerCode);
  const at = req.now.toISOString();
  const biller: Biller = { ...req.body, billerCode: req.params.billerCode, createdAt: existing?.createdAt ?? at, updatedAt: at };
  await billerStore.put(biller);
  return { status: existing ? 200 : 201, body: biller };
};

export const listBillers: RouteHandler<typeof billsApi.listBillers> = async (req) => {
  const page = await billerStore.list(req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { items: page.items, ...(page.next ? { next: page.next } : {}) } };
};

/** The holder's name comes masked from the gateway; nothing is written. */
export const lookupAccount: RouteHandler<typeof billsApi.lookupAccount> = async (req) => {
  const { billerCode, accountNo } = req.params;
  const [biller, account] = await Promise.all([billerStore.find(billerCode), gateway.lookup(billerCode, accountNo)]);
  if (!biller) throw new NotFoundError('biller');
  if (!account) throw new NotFoundError('account', msg('not-found.account', { accountNo, billerName: biller.name }));
  return { status: 200, body: { billerCode, accountNo, holderName: maskName(account.holderName), dueFen: account.dueFen } };
};
