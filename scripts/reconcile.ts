/**
 * `npm run reconcile`: one run of the bill reconciler against the local system
 * that `npm start` runs (the same handler and scheduled event as in AWS, where
 * EventBridge Scheduler sends it every 5 minutes). Prints what it did.
 */
import { localGatewaySecret } from './local/bill-gateway.ts';
import { LocalSetupError } from './local/errors.ts';
import { lambdaContext } from './local/handlers.ts';

const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8000);
const gatewayPort = Number(process.env.BILL_GATEWAY_PORT ?? 3001);
process.env.TABLE_NAME ??= 'village-station-local';
process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${dynamoPort}`;
process.env.AWS_REGION ??= 'local';
process.env.BILL_GATEWAY_URL ??= `http://127.0.0.1:${gatewayPort}`;
process.env.BILL_GATEWAY_SECRET ??= localGatewaySecret;
process.env.LOG_LEVEL ??= 'warn';

async function main() {
  try {
    await fetch(process.env.DYNAMODB_ENDPOINT!, { signal: AbortSignal.timeout(2_000) });
  } catch {
    throw new LocalSetupError(`DynamoDB Local is not answering at ${process.env.DYNAMODB_ENDPOINT}: run npm start first (in another terminal).`);
  }
  const { handler, reconcileEvent } = await import('#functions/bills/index.ts');
  const summary = await handler(reconcileEvent, lambdaContext('bills', `manual-${Date.now()}`));
  console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  if (error instanceof LocalSetupError) console.error(`Cannot reconcile: ${error.message}`);
  else console.error('Cannot reconcile:', error);
  process.exit(1);
});
