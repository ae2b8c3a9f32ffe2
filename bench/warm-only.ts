/**
 * `npx tsx bench/warm-only.ts`: only the warm handler overhead of the bench,
 * written into bench/results.json and the README beside the last full run's
 * other figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { startLocalStack } from './local-stack.ts';
import { renderReadme, type Results } from './report.ts';
import { measureWarmOverhead } from './warm-overhead.ts';

const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
const stack = await startLocalStack();
const routes = await measureWarmOverhead(stack, Number(process.env.BENCH_WARM_ITERATIONS ?? 300));
await stack.stop();
const results: Results = { ...previous, warmOverhead: { target: 1.15, routes } };
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(JSON.stringify(routes, null, 2));
