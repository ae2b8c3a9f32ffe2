/**
 * `npm run bench`: the performance figures of docs/quality.md, measured side by
 * side in one run, written to bench/results.json and the table in
 * bench/README.md.
 */
import { writeFileSync } from 'node:fs';
import { productionBundles } from './bundles.ts';
import { measureCold } from './cold.ts';
import { measureCost } from './cost.ts';
import { startLocalStack } from './local-stack.ts';
import { measurePages } from './pages.ts';
import { measurePlanner } from './planner.ts';
import { renderReadme } from './report.ts';
import { measureRoundTrips } from './round-trips.ts';
import { measureSearchScale, measureSideModules } from './search-scale.ts';
import { measureStatementScale } from './statement-scale.ts';
import { measureWarmOverhead } from './warm-overhead.ts';
import { measureSms } from './sms.ts';
import { measureParcels } from './parcels.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 61);

const pages = measurePages();
console.log('delivery planner (timings, then the TSPLIB and CVRPLIB instances)…');
const planner = measurePlanner(Number(process.env.BENCH_PLANNER_INSTANCES ?? 100));

console.log('starting DynamoDB Local for the data benchmarks…');
const stack = await startLocalStack();
const coldStart = await measureCold(stack, rounds);
const roundTrips = await measureRoundTrips(stack);
console.log("how soon an order's code leaves…");
const sms = await measureSms(stack);
console.log("the cost of an order's life…");
const cost = await measureCost(stack);
console.log('warm handler overhead…');
const warmOverhead = await measureWarmOverhead(stack, Number(process.env.BENCH_WARM_ITERATIONS ?? 300));
console.log('statement read at 1,000 and 100,000 orders (loading the orders takes a while)…');
const statementScale = await measureStatementScale(stack, 1_000, Number(process.env.BENCH_LARGE_ORDERS ?? 100_000), 300);
console.log('catalogue search at 1,000 and 100,000 products (loading the products and their search entries takes a while)…');
const searchScale = await measureSearchScale(stack, 1_000, Number(process.env.BENCH_LARGE_PRODUCTS ?? 100_000), 200);
console.log('a parcel scan against its raw calls, and the shelf at 100 and 10,000 parcels…');
const parcels = await measureParcels(stack, 100, 10_000, Number(process.env.BENCH_PARCEL_ITERATIONS ?? 300));
await stack.stop();
const sideModules = measureSideModules(productionBundles());

const results = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  machine: `${process.platform}/${process.arch}`,
  coldStart,
  roundTrips,
  warmOverhead: { target: 1.15, routes: warmOverhead },
  statementScale: { target: 1.2, ...statementScale },
  searchScale: { target: 1.2, measuredAt: new Date().toISOString(), ...searchScale, sideModules },
  planner,
  pages,
  cost,
  sms,
  parcels,
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(renderReadme(results));
