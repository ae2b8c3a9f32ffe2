import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expect, test } from 'vitest';
import { auditNetwork } from '#functions/audit/audit-network.ts';
import { db, tableName } from '#store/db.ts';
import * as keys from '#store/keys.ts';
import { useApi } from '../support/api.ts';
import { expectOk } from '../support/fixture.ts';
import { freshStation, partnerCalls } from '../support/station-day.ts';

const api = useApi();

test('the nightly audit: a day of trade audits clean; a balance changed behind the ledger is reported with its station', async () => {
  const day = await freshStation(api);
  const p = partnerCalls(api, day);
  const villagerId = await day.villager('审计');
  const order = await expectOk(
    p.place({ villagerId, lines: [{ sku: day.sku.rice, qty: 2 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 17_980 }),
    201,
  );
  await expectOk(p.arrive(order.orderId));
  await expectOk(p.pickUp(order.orderId, order.deliveryCode));
  await expectOk(p.remit(10_000));

  const clean = await auditNetwork();
  expect(clean.discrepancies).toEqual([]);
  expect(clean.stations).toBeGreaterThanOrEqual(1);

  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.cash(day.stationId),
      UpdateExpression: 'ADD drawerFen :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
  const tampered = await auditNetwork();
  expect(tampered.discrepancies).toEqual([expect.objectContaining({ stationId: day.stationId, rule: 'balance-drift' })]);
});
