/**
 * `npx tsx bench/search-only.ts`: only the catalogue search figures of the
 * bench (search at 1,000 and 100,000 products, items written per product PUT,
 * pinyin loaded on the first write), written into bench/results.json and the
 * README beside the last full run's other figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { startLocalStack } from './local-stack.ts';
import { renderReadme, type Results } from './report.ts';
import { measureSearchScale, measureSideModules } from './search-scale.ts';

const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;

const sideModules = measureSideModules();
console.log('starting DynamoDB Local; loading 1,000 and 100,000 products with their search entries (this takes a while)…');
const stack = await startLocalStack();
const searchScale = await measureSearchScale(
  stack,
  1_000,
  Number(process.env.BENCH_LARGE_PRODUCTS ?? 100_000),
  Number(process.env.BENCH_SEARCH_ITERATIONS ?? 200),
);
await stack.stop();
const results: Results = { ...previous, searchScale: { target: 1.2, measuredAt: new Date().toISOString(), ...searchScale, sideModules } };
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(JSON.stringify(results.searchScale, null, 2));
