/**
 * `npx tsx bench/round-trips-only.ts`: only the round trips per money command,
 * written into bench/results.json and the README (that section only; the others
 * stay as the last run wrote them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { startLocalStack } from './local-stack.ts';
import { roundTrips as roundTripsSection, type Results } from './report.ts';
import { measureRoundTrips } from './round-trips.ts';

const by = 'npx tsx bench/round-trips-only.ts';
const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
const stack = await startLocalStack();
const roundTrips = await measureRoundTrips(stack).finally(() => stack.stop());
const results: Results = {
  ...previous,
  roundTrips,
  remeasured: [...(previous.remeasured ?? []).filter((m) => m.by !== by), { at: new Date().toISOString(), by, parts: ['round trips'] }],
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
const readme = readFileSync('bench/README.md', 'utf8');
const start = readme.indexOf('## DynamoDB round trips per money command');
const end = readme.indexOf('\n## ', start + 1);
if (start < 0 || end < 0) throw new Error('bench/README.md has no round trips section to replace');
writeFileSync('bench/README.md', `${readme.slice(0, start)}${roundTripsSection(results)}\n${readme.slice(end)}`);
console.log(roundTrips.map((c) => `${c.command}: ${c.calls.join(' → ')}`).join('\n'));
