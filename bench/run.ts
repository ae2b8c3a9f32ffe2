/**
 * `npm run bench`: the figures of SPEC §5, measured side by side in one run,
 * written to bench/results.json and the table in bench/README.md.
 */
import { writeFileSync } from 'node:fs';
import { floorBundle, productionBundles } from './bundles.ts';
import { measureColdStarts } from './cold-start.ts';
import { renderReadme } from './report.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 41);

const bundles = productionBundles();
const floor = floorBundle();
console.log(`cold start: ${bundles.length} functions and the floor, ${rounds} fresh processes each…`);
const coldStart = measureColdStarts(floor, bundles, rounds);

const results = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  machine: `${process.platform}/${process.arch}`,
  coldStart: { rounds, target: 1.2, ...coldStart },
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(renderReadme(results));
