/**
 * `npx tsx bench/bills-only.ts`: the figures the bills function changes — cold
 * start of every bundle against the floor (side by side, as in the full run)
 * and the round trips of every money command, the bill payment's gateway calls
 * included — written into bench/results.json and the README beside the last
 * full run's other figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { floorBundle, productionBundles } from './bundles.ts';
import { measureColdStarts } from './cold-start.ts';
import { startLocalStack } from './local-stack.ts';
import { renderReadme, type Results } from './report.ts';
import { measureRoundTrips } from './round-trips.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 61);
const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;

const bundles = productionBundles();
const floor = floorBundle();
console.log(`cold start: ${bundles.length} functions and the floor, ${rounds} fresh processes each…`);
const coldStart = measureColdStarts(floor, bundles, rounds);
console.log('round trips…');
const stack = await startLocalStack();
const roundTrips = await measureRoundTrips(stack);
await stack.stop();

const results: Results = {
  ...previous,
  coldStart: { rounds, target: previous.coldStart.target, ...coldStart },
  roundTrips,
  remeasured: [
    ...(previous.remeasured ?? []).filter((m) => m.by !== 'npx tsx bench/bills-only.ts'),
    { at: new Date().toISOString(), by: 'npx tsx bench/bills-only.ts', parts: ['cold start', 'round trips'] },
  ],
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(JSON.stringify({ coldStart: results.coldStart, roundTrips }, null, 2));
