/**
 * `npx tsx bench/planner-only.ts`: only the delivery-planner figures of the
 * bench (no DynamoDB Local needed), written into bench/results.json and the
 * README beside the last full run's other figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { measurePlanner } from './planner.ts';
import { renderReadme, type Results } from './report.ts';

const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
console.log('delivery planner (timings, then the TSPLIB and CVRPLIB instances)…');
const results: Results = { ...previous, planner: measurePlanner(Number(process.env.BENCH_PLANNER_INSTANCES ?? 100)) };
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(JSON.stringify(results.planner, null, 2));
