/**
 * `npx tsx bench/parcels-only.ts`: only the parcel figures (a scan against its
 * raw calls, the shelf at 100 and 10,000 parcels), written into
 * bench/results.json and the README beside the last full run's other figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { startLocalStack } from './local-stack.ts';
import { measureParcels } from './parcels.ts';
import { renderReadme, type Results } from './report.ts';

const by = 'npx tsx bench/parcels-only.ts';
const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
const stack = await startLocalStack();
const parcels = await measureParcels(stack, 100, 10_000, Number(process.env.BENCH_PARCEL_ITERATIONS ?? 300)).finally(() => stack.stop());
const results: Results = {
  ...previous,
  parcels,
  remeasured: [...(previous.remeasured ?? []).filter((m) => m.by !== by), { at: new Date().toISOString(), by, parts: ['parcels'] }],
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(JSON.stringify(parcels, null, 2));
