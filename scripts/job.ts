/**
 * `npm run job <name>`: one run of a scheduled job (functions/jobs.ts) against
 * the local system that `npm start` runs, by the same handler and event as
 * its schedule in AWS. Prints what it did; without a name, lists the jobs.
 */
import { jobNames, jobs, type JobName } from '#functions/jobs.ts';
import { localGatewaySecret } from './local/bill-gateway.ts';
import { LocalSetupError } from './local/errors.ts';

const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8000);
const gatewayPort = Number(process.env.BILL_GATEWAY_PORT ?? 3001);
process.env.TABLE_NAME ??= 'village-station-local';
process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${dynamoPort}`;
process.env.AWS_REGION ??= 'local';
process.env.BILL_GATEWAY_URL ??= `http://127.0.0.1:${gatewayPort}`;
process.env.BILL_GATEWAY_SECRET ??= localGatewaySecret;
process.env.LOG_LEVEL ??= 'warn';

async function main() {
  const name = process.argv[2];
  if (!name || !(jobNames as string[]).includes(name)) {
    console.log(`${name ? `There is no job "${name}". ` : ''}Jobs (npm run job <name>):`);
    for (const job of jobNames) console.log(`  ${job.padEnd(18)} ${jobs[job].description}`);
    process.exit(name ? 1 : 0);
  }
  try {
    await fetch(process.env.DYNAMODB_ENDPOINT!, { signal: AbortSignal.timeout(2_000) });
  } catch {
    throw new LocalSetupError(`DynamoDB Local is not answering at ${process.env.DYNAMODB_ENDPOINT}: run npm start first (in another terminal).`);
  }
  const { runJob } = await import('./local/jobs.ts');
  console.log(JSON.stringify(await runJob(name as JobName)));
}

main().catch((error: unknown) => {
  if (error instanceof LocalSetupError) console.error(`Cannot run the job: ${error.message}`);
  else console.error('Cannot run the job:', error);
  process.exit(1);
});
