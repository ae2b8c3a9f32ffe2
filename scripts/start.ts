/**
 * `npm start`: the whole system on this machine. DynamoDB Local (data kept in
 * .data/ unless --fresh), the table, demo data, the HTTP API served by the
 * Lambda handlers, and the pages. Ctrl-C stops everything, Java included.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LocalSetupError } from './local/errors.ts';
import { portIsFree } from './local/ports.ts';

const { values: flags } = parseArgs({ options: { fresh: { type: 'boolean', default: false } }, strict: false });
const fresh = flags.fresh === true || process.env.FRESH === '1';
const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8000);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.DATA_DIR ?? '.data/dynamodb';
const tableName = process.env.TABLE_NAME ?? 'village-station-local';
const gatewayPort = Number(process.env.BILL_GATEWAY_PORT ?? 3001);
/** A gateway of your own (BILL_GATEWAY_URL and BILL_GATEWAY_SECRET) replaces the stand-in. */
const ownGateway = process.env.BILL_GATEWAY_URL !== undefined;
const reconcileSeconds = Number(process.env.BILL_RECONCILE_SECONDS ?? 60);

async function main() {
  if (!(await portIsFree(port, host))) {
    throw new LocalSetupError(`Port ${port} is already in use (is another "npm start" running?): stop it, or choose another port with PORT=3001 npm start.`);
  }
  if (!ownGateway && !(await portIsFree(gatewayPort, '127.0.0.1'))) {
    throw new LocalSetupError(
      `Port ${gatewayPort} (the stand-in bill gateway) is already in use: stop what holds it, or choose another with BILL_GATEWAY_PORT=3011 npm start.`,
    );
  }
  if (fresh) rmSync(dataDir, { recursive: true, force: true });

  const { startDynamoDbLocal, localClient } = await import('./local/dynamodb.ts');
  const dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir });
  const stopAll: (() => Promise<void>)[] = [dynamo.stop];
  const shutdown = async (code: number) => {
    for (const stop of stopAll.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  process.once('SIGHUP', () => void shutdown(0));

  try {
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: 'local',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    let gatewayUrl = process.env.BILL_GATEWAY_URL!;
    if (!ownGateway) {
      const { startBillGateway, localGatewaySecret } = await import('./local/bill-gateway.ts');
      const secret = process.env.BILL_GATEWAY_SECRET ?? localGatewaySecret;
      const gateway = await startBillGateway({ port: gatewayPort, secret });
      stopAll.push(gateway.close);
      gatewayUrl = gateway.url;
      Object.assign(process.env, { BILL_GATEWAY_URL: gateway.url, BILL_GATEWAY_SECRET: secret });
    }
    const { ensureTable } = await import('./local/create-table.ts');
    const client = localClient(dynamo.endpoint);
    const table = await ensureTable(client, tableName);
    client.destroy();
    const { seedDemoData } = await import('./local/seed.ts');
    const added = await seedDemoData();

    const { buildWebSync } = await import('./build-web.ts');
    const webDir = buildWebSync();
    const { createLocalServer, listen } = await import('./local/server.ts');
    const server = createLocalServer({ webDir, ...(reconcileSeconds > 0 ? { reconcileEveryMs: reconcileSeconds * 1000 } : {}) });
    await listen(server, port, host);
    stopAll.push(() => new Promise<void>((r) => server.close(() => r())));

    const { demoLogins } = await import('./local/demo-data.ts');
    const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
    console.log(
      [
        '',
        'Village station is running locally.',
        `  Partner form   ${base}/partner/`,
        `  Kiosk          ${base}/kiosk/`,
        `  API            ${base}/v1/health   (OpenAPI: ${base}/v1/openapi.json)`,
        `  DynamoDB Local ${dynamo.endpoint}, table "${tableName}" (${table}; ${added} demo items added; data in ${dataDir}${fresh ? ', started fresh' : ''})`,
        `  Bill gateway   ${gatewayUrl}${ownGateway ? ' (yours)' : ' (the stand-in: demo accounts CMCC 1xxxxxxxxxx, SGCC 3300000001/3300000002, WATER 5500000001; POST /_faults to break it)'}`,
        `                 pending bills reconciled ${reconcileSeconds > 0 ? `every ${reconcileSeconds} s` : 'only by npm run reconcile'}`,
        '',
        'Demo logins (the pages offer them; for curl, get a token):',
        ...demoLogins.map((l) => `  ${l.who.padEnd(28)} {"role":"${l.role}"${l.stationId ? `,"stationId":"${l.stationId}"` : ''}}`),
        '',
        `  TOKEN=$(curl -s -X POST ${base}/local/token -H 'content-type: application/json' \\`,
        `          -d '{"role":"partner","stationId":"${demoLogins[1]!.stationId}"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
        `  curl -s ${base}/v1/stations/${demoLogins[1]!.stationId}/villagers -H "authorization: Bearer $TOKEN"`,
        '',
        'Ctrl-C stops everything.',
      ].join('\n'),
    );
  } catch (error) {
    await shutdown(1).catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof LocalSetupError) console.error(`Cannot start: ${error.message}`);
  else console.error('Cannot start:', error);
  process.exit(1);
});
