import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import type { Run } from '#domain/delivery/run.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { read, type Read } from './reads.ts';
import { putVersioned } from './versioned.ts';

const runItem = (run: Run) => ({ ...keys.run(run.runId), ...keys.runListing(run.stationId, run.date, run.runId), type: 'run', ...run });
function visible(principal: Principal, item: Record<string, unknown> | undefined): Run {
  if (!item) throw new NotFoundError('run');
  const run = withoutKeys<Run>(item);
  assertStationAccess(principal, run.stationId, 'run');
  return run;
}
export async function getFor(principal: Principal, runId: string): Promise<Run> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.run(runId), ConsistentRead: true }));
  return visible(principal, Item);
}

/** The same, as a command's read (fetched with its idempotency record). */
export const readFor = (principal: Principal, runId: string): Read<Run> => read([keys.run(runId)], (found) => visible(principal, found(keys.run(runId))));

/** Created (version 1) or replaced if still the version read. */
export const save = (run: Run): Write => putVersioned(runItem(run), 'run');

export async function list(stationId: string, date: string | undefined, limit: number, cursor?: string): Promise<Page<Run>> {
  const page = await queryPage({
    index: 'lookup',
    partition: keys.runsOfStation(stationId),
    ...(date ? { sortPrefix: `${date}#` } : {}),
    limit,
    cursor,
    newestFirst: true,
  });
  return { ...page, items: page.items.map((i) => withoutKeys<Run>(i)) };
}
