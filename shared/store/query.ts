import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { tableDesign, type IndexName } from '#shared/table.ts';
import { decodeCursor, encodeCursor, type CursorShape, cursorRefused } from './cursor.ts';
import { db, tableName } from './db.ts';

export interface PageRequest {
  /** Omit to query the table itself. */
  index?: IndexName;
  partition: string;
  /** Only sort keys that begin with this. */
  sortPrefix?: string;
  /** Only sort keys in [from, to] (inclusive, text order). */
  sortBetween?: [string, string];
  /** A filter on other attributes (e.g. text search); pages are filled across several reads. */
  filter?: Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;
  limit: number;
  cursor?: string | undefined;
  newestFirst?: boolean;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

function keyNames(index?: IndexName): [string, string] {
  if (!index) return [tableDesign.partitionKey, tableDesign.sortKey];
  const { partitionKey, sortKey } = tableDesign.indexes[index];
  return [partitionKey, sortKey];
}

/** The key a page stops at: the table's keys plus the index's, as DynamoDB expects them back. */
function keyOf(item: Record<string, unknown>, index?: IndexName): Record<string, unknown> {
  const names = new Set([tableDesign.partitionKey, tableDesign.sortKey, ...(index ? keyNames(index) : [])]);
  return Object.fromEntries([...names].map((n) => [n, item[n]]));
}

/** The key attributes (and their types) of a page's last item, as DynamoDB wants them back. */
function keyAttributes(index?: IndexName): Record<string, 'S' | 'N'> {
  const attributes: Record<string, 'S' | 'N'> = { [tableDesign.partitionKey]: 'S', [tableDesign.sortKey]: 'S' };
  if (index) {
    const design = tableDesign.indexes[index];
    attributes[design.partitionKey] = 'S';
    attributes[design.sortKey] = design.sortKeyType;
  }
  return attributes;
}

function cursorShape(request: PageRequest): CursorShape {
  const [pkName, skName] = keyNames(request.index);
  const { sortPrefix, sortBetween } = request;
  return {
    attributes: keyAttributes(request.index),
    partition: [pkName, request.partition],
    sortKey: skName,
    ...(sortPrefix !== undefined
      ? { sortWithin: (v) => typeof v === 'string' && v.startsWith(sortPrefix) }
      : sortBetween
        ? { sortWithin: (v) => typeof v === 'string' && v >= sortBetween[0] && v <= sortBetween[1] }
        : {}),
  };
}

/** Items of one status only, when a status is asked for (a filter: the partition holds every status). */
export function statusFilter(status: string | undefined): Pick<PageRequest, 'filter'> {
  return status
    ? { filter: { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':status': status } } }
    : {};
}

/** One page of a collection, read with Query (never Scan). */
export async function queryPage(request: PageRequest): Promise<Page<Record<string, unknown>>> {
  const [pkName, skName] = keyNames(request.index);
  let startKey = decodeCursor(request.cursor, cursorShape(request));
  // An empty range (the callers' schemas refuse it first): nothing to read.
  if (request.sortBetween && request.sortBetween[0] > request.sortBetween[1]) return { items: [] };
  const fromCursor = startKey !== undefined;
  const names: Record<string, string> = { '#pk': pkName, ...request.filter?.ExpressionAttributeNames };
  const values: Record<string, unknown> = { ':pk': request.partition, ...request.filter?.ExpressionAttributeValues };
  let condition = '#pk = :pk';
  if (request.sortPrefix !== undefined) {
    condition += ' AND begins_with(#sk, :prefix)';
    names['#sk'] = skName;
    values[':prefix'] = request.sortPrefix;
  } else if (request.sortBetween) {
    condition += ' AND #sk BETWEEN :from AND :to';
    names['#sk'] = skName;
    [values[':from'], values[':to']] = request.sortBetween;
  }
  const items: Record<string, unknown>[] = [];
  for (let read = 0; ; read++) {
    const out = await send(
      read === 0 && fromCursor,
      new QueryCommand({
        TableName: tableName(),
        IndexName: request.index,
        KeyConditionExpression: condition,
        FilterExpression: request.filter?.FilterExpression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: startKey,
        ScanIndexForward: !request.newestFirst,
        // With a filter DynamoDB counts items before filtering, so read generously and trim.
        Limit: request.filter ? Math.max(100, request.limit) : request.limit + 1,
      }),
    );
    for (const item of out.Items ?? []) {
      if (items.length === request.limit) {
        return { items, next: encodeCursor(keyOf(items.at(-1)!, request.index)) };
      }
      items.push(item);
    }
    if (!out.LastEvaluatedKey) return { items };
    startKey = out.LastEvaluatedKey;
  }
}

/** A start key that passed every check and is still refused by DynamoDB is the client's cursor's fault, never a 500. */
async function send(withClientCursor: boolean, command: QueryCommand) {
  try {
    return await db().send(command);
  } catch (error) {
    if (withClientCursor && (error as Error).name === 'ValidationException') throw cursorRefused();
    throw error;
  }
}

/** Every item of a partition, page by page (`pageSize` items a Query): a price list, a lot's tickets, the tabs. */
export async function queryAll(request: Omit<PageRequest, 'limit' | 'cursor'>, pageSize = 100): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ ...request, limit: pageSize, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}
