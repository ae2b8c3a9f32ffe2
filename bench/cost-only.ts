/**
 * `npx tsx bench/cost-only.ts`: only what an order's life costs, written into
 * bench/results.json and the README beside the last full run's other figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { measureCost } from './cost.ts';
import { startLocalStack } from './local-stack.ts';
import { renderReadme, type Results } from './report.ts';

const by = 'npx tsx bench/cost-only.ts';
const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
const stack = await startLocalStack();
const cost = await measureCost(stack).finally(() => stack.stop());
const results: Results = {
  ...previous,
  cost,
  remeasured: [...(previous.remeasured ?? []).filter((m) => m.by !== by), { at: new Date().toISOString(), by, parts: ['cost'] }],
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(JSON.stringify(cost, null, 2));
