/**
 * `npx tsx bench/cold-start-only.ts`: the cold start of every production
 * bundle against the floor, interleaved rounds as in the full run, written
 * into bench/results.json (its coldStart part) and the README (its Cold start
 * section only; the other sections stay as the last run wrote them). `BENCH_ROUNDS=21 npx tsx bench/cold-start-only.ts --dry` prints the
 * table only (a quick check while changing code).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { floorBundle, productionBundles } from './bundles.ts';
import { measureColdStarts } from './cold-start.ts';
import { coldStart as coldStartSection, type Results } from './report.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 61);
const dry = process.argv.includes('--dry');
const by = 'npx tsx bench/cold-start-only.ts';
const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;

const bundles = productionBundles();
const floor = floorBundle();
console.log(`cold start: ${bundles.length} functions and the floor, ${rounds} fresh processes each…`);
const coldStart = measureColdStarts(floor, bundles, rounds);

console.log('| bundle | bytes | wall | × floor | CPU | × floor |');
for (const f of [coldStart.floor, ...coldStart.functions]) {
  console.log(`| ${f.name} | ${f.bytes} | ${f.medianMs} ms | ${f.ratio.toFixed(2)} | ${f.medianCpuMs} ms | ${f.cpuRatio.toFixed(2)} |`);
}
if (!dry) {
  const results: Results = {
    ...previous,
    coldStart: { rounds, target: previous.coldStart.target, ...coldStart },
    remeasured: [...(previous.remeasured ?? []).filter((m) => m.by !== by), { at: new Date().toISOString(), by, parts: ['cold start'] }],
  };
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  const readme = readFileSync('bench/README.md', 'utf8');
  const start = readme.indexOf('## Cold start');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) throw new Error('bench/README.md has no Cold start section to replace');
  writeFileSync('bench/README.md', `${readme.slice(0, start)}${coldStartSection(results)}\n${readme.slice(end)}`);
}
