import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ensureTable } from '../scripts/local/create-table.ts';
import { localClient, startDynamoDbLocal } from '../scripts/local/dynamodb.ts';
import { freePort } from '../scripts/local/ports.ts';
import { localGatewaySecret, startBillGateway } from '../scripts/local/bill-gateway.ts';

/** DynamoDB Local (in memory), a table, and the local API, for the benchmarks that need data. */
export async function startLocalStack() {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const tableName = `bench-${randomUUID().slice(0, 8)}`;
  const gateway = await startBillGateway({ port: 0 });
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'local',
    LOG_LEVEL: 'silent',
    BILL_GATEWAY_URL: gateway.url,
    BILL_GATEWAY_SECRET: localGatewaySecret,
  });
  const client = localClient(dynamo.endpoint);
  await ensureTable(client, tableName);
  client.destroy();
  const { createLocalServer, listen } = await import('../scripts/local/server.ts');
  const { issueToken } = await import('../scripts/local/tokens.ts');
  const server: Server = createLocalServer();
  await listen(server, 0, '127.0.0.1');
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  async function call(method: string, path: string, token: string, body?: unknown, key = true) {
    const res = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(key && method !== 'GET' ? { 'idempotency-key': randomUUID() } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  return {
    url,
    call,
    token: issueToken,
    /** The stand-in bill gateway (its request log counts a bill payment's gateway calls). */
    gateway,
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      await gateway.close();
      await dynamo.stop();
    },
  };
}

export type LocalStack = Awaited<ReturnType<typeof startLocalStack>>;

/** A station with a partner, a villager and two products, made through the API. */
export async function benchStation(stack: LocalStack, name: string) {
  const ops = await stack.token({ role: 'ops', sub: 'bench-ops' });
  const station = await stack.call('POST', '/v1/stations', ops, {
    name,
    county: '遂昌县',
    location: { lat: 28.51, lon: 119.38 },
    villages: [{ name: '大柘村', location: { lat: 28.516, lon: 119.384 } }],
    commissionShareBp: 3000,
    cashLimitFen: 10_000_000_000,
  });
  const partner = await stack.token({ role: 'partner', stationId: station.stationId, sub: `bench-${name}` });
  const product = {
    title: '美的 2匹 立式柜机空调',
    category: 'appliances',
    onlinePriceFen: 390_000,
    localStorePriceFen: 450_000,
    merchantCostFen: 370_000,
    weightGrams: 52_000,
    needsInstallation: true,
    returnWindowDays: 7,
  };
  await stack.call('PUT', '/v1/products/BENCH-AC', ops, product);
  const villager = await stack.call('POST', `/v1/stations/${station.stationId}/villagers`, partner, {
    name: '王秀英',
    villageId: station.villages[0].villageId,
    consent: true,
  });
  return { ops, partner, stationId: station.stationId as string, villagerId: villager.villagerId as string, sku: 'BENCH-AC' };
}
