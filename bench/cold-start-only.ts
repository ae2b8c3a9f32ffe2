/**
 * `npx tsx bench/cold-start-only.ts`: the Cold start section of the bench
 * (imports against the floor, what each bundle carries, the cold request),
 * written into bench/results.json (its coldStart part) and the README (that
 * section only; the others stay as the last run wrote them).
 * `BENCH_ROUNDS=21 npx tsx bench/cold-start-only.ts --dry` prints the tables only
 * (a quick check while changing code).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { measureCold } from './cold.ts';
import { startLocalStack } from './local-stack.ts';
import { coldStart as coldStartSection, replaceSection, type Results } from './report.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 61);
const dry = process.argv.includes('--dry');
const by = 'npx tsx bench/cold-start-only.ts';
const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;

const stack = await startLocalStack();
const coldStart = await measureCold(stack, rounds).finally(() => stack.stop());
const results: Results = {
  ...previous,
  coldStart,
  remeasured: [...(previous.remeasured ?? []).filter((m) => m.by !== by), { at: new Date().toISOString(), by, parts: ['cold start'] }],
};
const section = coldStartSection(results);
console.log(section);
if (!dry) {
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync('bench/README.md', replaceSection(readFileSync('bench/README.md', 'utf8'), '## Cold start (bar', section));
}
