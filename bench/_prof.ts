import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { floorBundle, productionBundles } from './bundles.ts';
import { measureColdRequests } from './cold-request.ts';
import { startLocalStack } from './local-stack.ts';
const bundles = productionBundles().filter((b) => ['orders', 'platform'].includes(b.name));
const stack = await startLocalStack();
await measureColdRequests(stack, bundles, floorBundle('bench/floor-request.ts', 'floor'), 0);
const dir = readdirSync('/tmp').filter((d) => d.startsWith('bench-cold-request-')).map((d) => `/tmp/${d}`).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
const env = { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: process.env.DYNAMODB_ENDPOINT, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', LOG_LEVEL: 'silent' };
const probe = `const [file, job] = process.argv.slice(1); const { event } = JSON.parse((await import('node:fs')).readFileSync(job, 'utf8'));
const t0 = performance.now(); const { handler } = await import(file); const t1 = performance.now();
const r = await handler(event, { awsRequestId: 'x', getRemainingTimeInMillis: () => 30000 }); const t2 = performance.now();
const r2 = await handler(event, { awsRequestId: 'y', getRemainingTimeInMillis: () => 30000 }); const t3 = performance.now();
console.log(r.statusCode, 'import', (t1-t0).toFixed(1), 'first', (t2-t1).toFixed(1), 'second', (t3-t2).toFixed(1));`;
for (const b of bundles) {
  const job = `${dir}/${b.name === 'orders' ? 'getOrder' : 'openapi'}.json`;
  for (let i = 0; i < 3; i++) console.log(b.name, execFileSync(process.execPath, ['--input-type=module', '-e', probe, b.file, job], { env }).toString().trim());
  execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-' + b.name, '--cpu-prof-interval=100', '--input-type=module', '-e', probe, b.file, job], { env });
}
await stack.stop();
