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
import { coldStart as coldStartSection, type Results } from './report.ts';

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
  const readme = readFileSync('bench/README.md', 'utf8');
  const start = readme.indexOf('## Cold start');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) throw new Error('bench/README.md has no Cold start section to replace');
  writeFileSync('bench/README.md', `${readme.slice(0, start)}${section}\n${readme.slice(end)}`);
}
