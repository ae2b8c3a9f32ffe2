/**
 * Imports a catalogue CSV file through the API, as the operator console does:
 *
 *   npm run import:products -- products.csv            (checks every line, then imports)
 *   npm run import:products -- products.csv --dry-run  (checks only)
 *
 * Against `npm start` by default (signed in as the demo operator); elsewhere
 * give API_URL and an ops ID token in API_TOKEN. The file goes in parts of 500
 * lines, each under an Idempotency-Key of its own: a part whose answer is lost
 * is sent again under the same key, so it is never applied twice. Any wrong
 * line: every wrong cell is printed (line, column, what is wrong) and nothing is
 * imported.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { partsOf } from '#web/ops/csv-parts.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, lang: { type: 'string', default: 'zh-CN' } },
});
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run import:products -- <file.csv> [--dry-run] [--lang en]');
  process.exit(2);
}
const apiUrl = (process.env.API_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');

async function token(): Promise<string> {
  if (process.env.API_TOKEN) return process.env.API_TOKEN;
  const res = await fetch(`${apiUrl}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'ops' }) });
  if (!res.ok) throw new Error(`No API_TOKEN, and ${apiUrl} gives no local token (${res.status}): is \`npm start\` running?`);
  return ((await res.json()) as { token: string }).token;
}

interface Outcome {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}
interface Problem {
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  /** Wrong cells beyond the 50 the API names in one answer. */
  errorsOmitted?: number;
}

async function send(bearer: string, body: unknown, key: string): Promise<{ ok: true; outcome: Outcome } | { ok: false; problem: Problem }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${apiUrl}/v1/products/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'idempotency-key': key, 'accept-language': values.lang! },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as Outcome & Problem;
      if (res.ok) return { ok: true, outcome: json };
      if (res.status < 500 || attempt >= 5) return { ok: false, problem: { ...json, status: res.status } };
    } catch (error) {
      if (attempt >= 5) throw error;
    }
    // Lost, timed out or refused for now: the same key again, after a pause.
    await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
  }
}

const parts = partsOf(readFileSync(file, 'utf8'));
const bearer = await token();
const total = parts.reduce((n, p) => n + p.lines, 0);

async function run(dryRun: boolean): Promise<Outcome | undefined> {
  const sum: Outcome = { rows: 0, created: 0, updated: 0, unchanged: 0 };
  const bad: string[] = [];
  let notNamed = 0;
  let sent = 0;
  for (const part of parts) {
    const answer = await send(bearer, { csv: part.csv, dryRun, ...(part.firstLine > 1 ? { firstLine: part.firstLine } : {}) }, randomUUID());
    if (answer.ok) for (const k of ['rows', 'created', 'updated', 'unchanged'] as const) sum[k] += answer.outcome[k];
    else if (answer.problem.errors) {
      bad.push(...answer.problem.errors.map((e) => `${e.path.replace(/^body\.csv\.?/, 'line ').replace(/\.(\w+)$/, ', $1')}: ${e.message}`));
      notNamed += answer.problem.errorsOmitted ?? 0;
    } else throw new Error(`${answer.problem.status}: ${answer.problem.detail ?? 'refused'}`);
    sent += part.lines;
    process.stderr.write(`\r${dryRun ? 'checked' : 'imported'} ${sent} / ${total} lines`);
  }
  process.stderr.write('\n');
  if (bad.length > 0) {
    console.error(`${bad.length + notNamed} cells are wrong; nothing was imported:`);
    for (const b of bad) console.error(`  ${b}`);
    if (notNamed > 0) console.error(`  and ${notNamed} more, not listed: fix these first and check again.`);
    process.exitCode = 1;
    return undefined;
  }
  return sum;
}

const checked = await run(true);
if (checked) {
  console.log(`Checked ${checked.rows} lines: ${checked.created} new, ${checked.updated} changed, ${checked.unchanged} unchanged.`);
  if (!values['dry-run']) {
    const done = await run(false);
    if (done) console.log(`Imported ${done.rows} lines: ${done.created} new, ${done.updated} changed, ${done.unchanged} unchanged.`);
  }
}
