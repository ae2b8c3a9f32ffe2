/**
 * `npx tsx bench/sms-only.ts`: only how soon an order's code leaves and what
 * messages cost, written into bench/results.json and the README beside the last
 * full run's other figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { startLocalStack } from './local-stack.ts';
import { renderReadme, type Results } from './report.ts';
import { measureSms } from './sms.ts';

const by = 'npx tsx bench/sms-only.ts';
const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
const stack = await startLocalStack();
const sms = await measureSms(stack).finally(() => stack.stop());
const results: Results = {
  ...previous,
  sms,
  remeasured: [...(previous.remeasured ?? []).filter((m) => m.by !== by), { at: new Date().toISOString(), by, parts: ['messages'] }],
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/README.md', renderReadme(results));
console.log(JSON.stringify(sms, null, 2));
