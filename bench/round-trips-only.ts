/**
 * `npx tsx bench/round-trips-only.ts`: only the round trips per money command,
 * written into bench/results.json and the README beside the last full run's
 * other figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { startLocalStack } from './local-stack.ts';
import { renderReadme, type Results } from './report.ts';
import { measureRoundTrips } from './round-trips.ts';

const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
const stack = await startLocalStack();
const roundTrips = await measureRoundTrips(stack);
await stack.stop();
const results: Results = { ...previous, roundTrips };
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(roundTrips.map((c) => `${c.command}: ${c.calls.join(' → ')}`).join('\n'));
