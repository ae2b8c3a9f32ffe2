/**
 * `npm start`: the whole system on this machine. DynamoDB Local (data kept in
 * .data/ unless --fresh), the table, demo data, the HTTP API served by the
 * Lambda handlers, and the pages. Ctrl-C stops everything, Java included.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { parseArgs } from 'node:util';
import { LocalSetupError } from './local/errors.ts';
import { portIsFree } from './local/ports.ts';
import type { OutboxPoller, StreamHandler } from './local/outbox-poller.ts';

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
const smsPort = Number(process.env.SMS_GATEWAY_PORT ?? 3002);
/** An SMS gateway of your own (SMS_GATEWAY_URL and SMS_GATEWAY_SECRET) replaces the stand-in. */
const ownSmsGateway = process.env.SMS_GATEWAY_URL !== undefined;

/**
 * Stops accepting connections; answers what arrives on open ones (a request may
 * be on its way on a keep-alive connection) with `connection: close`; closes the
 * idle ones after a moment, and waits for requests in flight (cut after 10 s).
 */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.on('request', (_req, res: ServerResponse) => res.setHeader('connection', 'close'));
    const idle = setTimeout(() => server.closeIdleConnections(), 1_000);
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    // net.Server's own close: stop accepting, but leave open connections be (http.Server.close would drop idle ones at once).
    NetServer.prototype.close.call(server, () => {
      clearTimeout(idle);
      clearTimeout(force);
      resolve();
    });
  });
}

async function main() {
  if (!(await portIsFree(port, host))) {
    throw new LocalSetupError(`Port ${port} is already in use (is another "npm start" running?): stop it, or choose another port with PORT=3002 npm start.`);
  }
  if (!ownGateway && !(await portIsFree(gatewayPort, '127.0.0.1'))) {
    throw new LocalSetupError(
      `Port ${gatewayPort} (the stand-in bill gateway) is already in use: stop what holds it, or choose another with BILL_GATEWAY_PORT=3011 npm start.`,
    );
  }
  if (!ownSmsGateway && !(await portIsFree(smsPort, '127.0.0.1'))) {
    throw new LocalSetupError(
      `Port ${smsPort} (the stand-in SMS gateway) is already in use: stop what holds it, or choose another with SMS_GATEWAY_PORT=3012 npm start.`,
    );
  }
  if (fresh) rmSync(dataDir, { recursive: true, force: true });

  const { startDynamoDbLocal, localClient } = await import('./local/dynamodb.ts');
  const dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir, ownProcessGroup: true });
  let server: Server | undefined;
  let gateway: { close(): Promise<void> } | undefined;
  let smsGateway: { close(): Promise<void> } | undefined;
  let outbox: OutboxPoller | undefined;
  let stopping = false;
  /**
   * The API first (no new connections, in-flight requests answered), then
   * DynamoDB Local (SIGTERM, and wait for it to close its data): a normal stop
   * never loses an acknowledged write. A second Ctrl-C does not cut it short.
   */
  const shutdown = async (code: number) => {
    if (stopping) {
      console.log('Still stopping: DynamoDB Local is saving its data…');
      return;
    }
    stopping = true;
    if (server) await closeServer(server).catch(() => undefined);
    await outbox?.stop().catch(() => undefined);
    await gateway?.close().catch(() => undefined);
    await smsGateway?.close().catch(() => undefined);
    await dynamo.stop().catch(() => undefined);
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

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
      const started = await startBillGateway({ port: gatewayPort, secret });
      gateway = started;
      gatewayUrl = started.url;
      Object.assign(process.env, { BILL_GATEWAY_URL: started.url, BILL_GATEWAY_SECRET: secret });
    }
    const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
    let smsUrl = process.env.SMS_GATEWAY_URL!;
    if (!ownSmsGateway) {
      const { startSmsGateway, localSmsSecret } = await import('./local/sms-gateway.ts');
      const secret = process.env.SMS_GATEWAY_SECRET ?? localSmsSecret;
      const { demoUsers } = await import('./local/demo-data.ts');
      const demoPhones = new Set(demoUsers.map((u) => u.phone));
      const started = await startSmsGateway({
        port: smsPort,
        secret,
        receiptUrl: `http://127.0.0.1:${port}/v1/sms/receipts`,
        // The demo phones are nobody's: their sign-in codes are shown here, as the phone would.
        onSent: (m) => {
          if (m.templateCode === 'SIGN_IN_CODE' && demoPhones.has(m.phone)) console.log(`SMS to ${m.phone}: sign-in code ${m.params.code}`);
        },
      });
      smsGateway = started;
      smsUrl = started.url;
      Object.assign(process.env, { SMS_GATEWAY_URL: started.url, SMS_GATEWAY_SECRET: secret });
    }
    const { ensureTable } = await import('./local/create-table.ts');
    const client = localClient(dynamo.endpoint);
    const table = await ensureTable(client, tableName);
    client.destroy();
    const { seedDemoData } = await import('./local/seed.ts');
    const added = await seedDemoData();

    const { buildWebSync } = await import('./build-web.ts');
    const webDir = buildWebSync();
    // Tokens signed with this data folder's own key: they survive a restart, and only this machine can make them.
    const { localKeyFor, useLocalKey } = await import('#shared/tokens/local-signer.ts');
    useLocalKey(localKeyFor(dataDir));
    const { createLocalServer, listen } = await import('./local/server.ts');
    const { localTimers } = await import('./local/jobs.ts');
    const timers = localTimers({ 'reconcile-bills': reconcileSeconds * 1000 });
    server = createLocalServer({ webDir, timers });
    await listen(server, port, host);
    // The outbox's consumer: DynamoDB Local's own stream of the table, handed to the function Lambda runs.
    const { startOutboxPoller } = await import('./local/outbox-poller.ts');
    const { handlerFor } = await import('./local/handlers.ts');
    const consumer = (await handlerFor('outbox')) as unknown as StreamHandler;
    outbox = startOutboxPoller({
      endpoint: dynamo.endpoint,
      tableName,
      handler: consumer,
      checkpointFile: join(dataDir, 'outbox-stream-checkpoint.json'),
      onDeadLetter: (record, error) =>
        console.error(`outbox: gave up on ${record.dynamodb?.Keys?.pk?.S ?? 'a record'} after its retries:`, error instanceof Error ? error.message : error),
    });

    const { demoLogins, demoUsers: demoUsersShown } = await import('./local/demo-data.ts');
    console.log(
      [
        '',
        'Village station is running locally.',
        `  Partner form   ${base}/partner/`,
        `  Kiosk          ${base}/kiosk/`,
        `  Operators      ${base}/ops/`,
        `  API            ${base}/v1/health   (OpenAPI: ${base}/v1/openapi.json)`,
        `  DynamoDB Local ${dynamo.endpoint}, table "${tableName}" (${table}; ${added} demo items added; data in ${dataDir}${fresh ? ', started fresh' : ''})`,
        `  Bill gateway   ${gatewayUrl}${ownGateway ? ' (yours)' : ' (the stand-in: demo accounts CMCC any 11-digit number starting with 1, SGCC 3300000001/3300000002, WATER 5500000001; POST /_faults to break it)'}`,
        `  Jobs           ${timers.map((t) => `${t.job} ${'everyMs' in t ? `every ${t.everyMs / 1000} s` : `daily at ${t.dailyAt.hour}:${String(t.dailyAt.minute).padStart(2, '0')} Shanghai`}`).join('; ')} (npm run job <name> runs one now)`,
        `  SMS gateway    ${smsUrl}${ownSmsGateway ? ' (yours)' : ` (the stand-in: what it sent, codes included, at ${smsUrl}/_messages?phone=…; a number ending 0000 never receives; POST /_faults to break it)`}`,
        `  Outbox         read from DynamoDB Local's stream of the table: messages leave within a second or two`,
        '',
        'Sign in by phone (the codes sent to these demo phones are printed here):',
        ...demoUsersShown.map((u) => `  ${u.name.padEnd(20)} ${u.phone}  (${u.role})`),
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
    // Said before stopping (the stop ends the process).
    report(error);
    await shutdown(1);
  }
}

function report(error: unknown) {
  if (error instanceof LocalSetupError) console.error(`Cannot start: ${error.message}`);
  else console.error('Cannot start:', error);
}

main().catch((error: unknown) => {
  report(error);
  process.exit(1);
});
