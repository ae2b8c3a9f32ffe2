import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import { opsListOf, type Claim, type OpsClaimList } from '#domain/after-sales.ts';
import type { Order } from '#domain/order.ts';
import { NotFoundError } from '#shared/errors.ts';
import { orderOf } from '#shared/ids.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { read, type Read } from './reads.ts';
import { putVersioned } from './versioned.ts';

const claimItem = (c: Claim) => ({
  ...keys.claim(c.orderId, c.claimId),
  ...keys.claimListing(c.stationId, c.status, c.openedAt, c.claimId, opsListOf(c.status)),
  type: 'claim',
  ...c,
});

function visibleClaim(principal: Principal, item: Record<string, unknown> | undefined): Claim {
  if (!item) throw new NotFoundError('claim');
  const claim = withoutKeys<Claim>(item);
  assertStationAccess(principal, claim.stationId, 'claim');
  return claim;
}

export interface ClaimContext {
  claim: Claim;
  order: Order;
}

export const create = (claim: Claim): Write => putVersioned(claimItem(claim), 'claim');

export const save = (claim: Claim): Write => putVersioned(claimItem(claim), 'claim');

export function readFor(principal: Principal, claimId: string): Read<ClaimContext> {
  const orderId = orderOf(claimId);
  const claimKey = keys.claim(orderId, claimId);
  return read([claimKey, keys.order(orderId)], (found) => {
    const claim = visibleClaim(principal, found(claimKey));
    const order = found(keys.order(orderId));
    if (!order) throw new NotFoundError('claim');
    return { claim, order: withoutKeys<Order>(order) };
  });
}

export async function getFor(principal: Principal, claimId: string): Promise<Claim> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.claim(orderOf(claimId), claimId), ConsistentRead: true }));
  return visibleClaim(principal, Item);
}

/** A station's claims of one status, newest first. */
export async function ofStatus(stationId: string, status: string, limit: number, cursor?: string): Promise<Page<Claim>> {
  const page = await queryPage({ index: 'collection', partition: keys.claimsOfStatus(stationId, status), limit, cursor, newestFirst: true });
  return { ...page, items: page.items.map((i) => withoutKeys<Claim>(i)) };
}

/** One of ops' lists across stations, oldest first: claims open (or under repair), or waiting for their approval. */
export async function forOps(list: OpsClaimList, limit: number, cursor?: string): Promise<Page<Claim>> {
  const page = await queryPage({ index: 'lookup', partition: keys.opsClaims(list), limit, cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<Claim>(i)) };
}
