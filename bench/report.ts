import type { ColdStart } from './cold-start.ts';
import type { PageWeight } from './pages.ts';
import type { PlannerGap, PlannerResults } from './planner.ts';
import type { RoundTrips } from './round-trips.ts';
import type { StatementScale } from './statement-scale.ts';
import type { WarmOverhead } from './warm-overhead.ts';

export interface Results {
  measuredAt: string;
  /** Parts measured again after the full run, by a partial runner. */
  remeasured?: { at: string; by: string; parts: string[] }[];
  node: string;
  machine: string;
  coldStart: { rounds: number; target: number; floor: ColdStart; functions: ColdStart[] };
  roundTrips: RoundTrips[];
  warmOverhead: { target: number; routes: WarmOverhead[] };
  statementScale: StatementScale & { target: number };
  planner: PlannerResults;
  pages: PageWeight[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;
const verdict = (ok: boolean) => (ok ? 'yes' : '**no**');
const n = (x: number) => x.toLocaleString('en-US');

function coldStart(r: Results): string {
  const cs = r.coldStart;
  return `## Cold start (SPEC §5: ≤ ${cs.target}× the floor)

Each function's production bundle, exactly as \`cdk synth\` builds it
(esbuild, minified ESM, AWS SDK bundled), imported in a fresh Node process:
the median of ${cs.rounds} processes per bundle, rounds interleaved so that
noise hits every bundle alike. The floor is a bundle holding only the
DynamoDB client, built with the same settings (\`bench/floor.ts\`).

| bundle | bytes | median import (wall) | × floor | median CPU | × floor | within ${cs.target}× |
|---|---:|---:|---:|---:|---:|:---:|
| ${cs.floor.name} | ${kb(cs.floor.bytes)} | ${cs.floor.medianMs} ms | 1.00 | ${cs.floor.medianCpuMs} ms | 1.00 | |
${cs.functions.map((f) => `| ${f.name} | ${kb(f.bytes)} | ${f.medianMs} ms | ${f.ratio.toFixed(2)} | ${f.medianCpuMs} ms | ${f.cpuRatio.toFixed(2)} | ${verdict(f.ratio <= cs.target)} |`).join('\n')}

The verdict uses the wall-time ratio (what SPEC §5 asks); the CPU-time
ratio is shown beside it because it is steadier on a busy machine.`;
}

function roundTrips(r: Results): string {
  return `## DynamoDB round trips per money command (SPEC §5: one write)

Counted by a middleware on the client the handlers use, calling the local
API (\`bench/round-trips.ts\`; \`test/integration/round-trips.test.ts\` holds
the same counts). The first read of every command is its Idempotency-Key record.

| command | reads | writes | calls in order | bill gateway calls |
|---|---:|---:|---|---|
${r.roundTrips.map((c) => `| ${c.command} | ${c.reads} | ${c.writes} | ${c.calls.join(' → ')} | ${c.gatewayCalls ? c.gatewayCalls.join(' → ') : ''} |`).join('\n')}

A bill payment crosses the network to the bill gateway (docs/bill-gateway.md):
its key record and one BatchGetItem (station, biller) while the gateway looks the
account up (the two run side by side), one TransactWriteItems that takes the
cash (PENDING), the payment sent to the gateway, and one settling
TransactWriteItems (PAID or FAILED). A payment the gateway does not answer
stops after the first transaction (PENDING) and is settled later by a status
read and the same settling write.`;
}

function warmOverhead(r: Results): string {
  const w = r.warmOverhead;
  return `## Warm handler overhead (SPEC §5: ≤ ${w.target}× at p50)

The Lambda handler invoked in-process with an HTTP API v2 event (middy, JWT
claims, zod, the store, JSON) against the same DynamoDB calls made raw with
the same client, interleaved, against DynamoDB Local.

| route | DynamoDB calls | handler p50 | raw p50 | × raw | within ${w.target}× |
|---|---|---:|---:|---:|:---:|
${w.routes.map((x) => `| ${x.route} | ${x.calls} | ${x.handlerP50Ms} ms | ${x.rawP50Ms} ms | ${x.ratio.toFixed(2)} | ${verdict(x.ratio <= w.target)} |`).join('\n')}`;
}

function statementScale(r: Results): string {
  const s = r.statementScale;
  return `## Statement read against volume (SPEC §5: the same at 1,000 and 100,000 orders, ≤ ${s.target}×)

Two stations, one with ${n(s.smallOrders)} handed-over orders and one with
${n(s.largeOrders)} (loaded in ${s.loadSeconds} s), the statement read through
the handler, interleaved. It is one GetItem of counters the money commands
keep, so the volume never enters it.

| orders | p50 |
|---:|---:|
| ${n(s.smallOrders)} | ${s.smallP50Ms} ms |
| ${n(s.largeOrders)} | ${s.largeP50Ms} ms |

Ratio ${s.ratio.toFixed(2)}× (within ${s.target}×: ${verdict(s.ratio <= s.target)}).`;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function gapRows(gaps: PlannerGap[], withTrips: boolean): string {
  return gaps
    .map(
      (g) =>
        `| ${g.instance} | ${g.size} | ${n(g.optimum)} | ${n(g.found)} | ${g.gapPct.toFixed(2)}% | ${withTrips ? `${g.trips} / ${g.vehicles} | ` : ''}${g.ms} ms | ${g.cpuMs} ms |`,
    )
    .join('\n');
}

function planner(r: Results): string {
  const p = r.planner;
  const tsp = p.tsplib;
  const vrp = p.cvrplib;
  const vrpMean = mean(vrp.map((g) => g.gapPct));
  const vrpMax = Math.max(...vrp.map((g) => g.gapPct));
  const tspMax = Math.max(...tsp.map((g) => g.gapPct));
  const tripsOk = vrp.every((g) => g.trips <= (g.vehicles ?? Infinity) + 1);
  return `## Delivery planning (SPEC §5)

Measured ${p.measuredAt} with \`npx tsx bench/planner-only.ts\` (the planner
part of \`npm run bench\`, which it re-runs alone and writes into this file
and results.json). \`planRun\` (\`shared/domain/delivery/plan.ts\`) with its
defaults — the effort the API uses — one instance after another in one process
(\`bench/planner.ts\`).

### Time

Seeded random villages within about 12 km of a station, one parcel of 2–32 kg
for each; one trip when the capacity holds everything, several with a 150 kg,
12-parcel tricycle. Each instance is planned three times and its fastest run
counts (the plan is the same each time): other work shares this machine's two
cores — its load average was ${p.loadAverage[0]} before and
${p.loadAverage[1]} after — and a single run's wall time measures the
neighbours as much as the planner.

| case | stops | instances | p50 | p95 | max | CPU p50 | CPU p95 | SPEC bar (p95) | within |
|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|
${p.timings.map((c) => `| ${c.case} | ${c.stops} | ${c.instances} | ${c.p50Ms} ms | ${c.p95Ms} ms | ${c.maxMs} ms | ${c.cpuP50Ms} ms | ${c.cpuP95Ms} ms | ${c.targetP95Ms === undefined ? '' : `${n(c.targetP95Ms)} ms`} | ${c.targetP95Ms === undefined ? '' : verdict(c.p95Ms <= c.targetP95Ms)} |`).join('\n')}

The verdict is on wall time, as SPEC §5 asks; the CPU columns (the planning
process's user + system time for the same runs) show what the planner costs
apart from other work sharing the machine's two cores, which stretches wall
time when the machine is busy.

### Distance against published optima

Each instance from \`test/fixtures/\` (sources in its README), planned on its
own distances (TSPLIB/CVRPLIB rounding: EUC_2D to the nearest integer, GEO by
TSPLIB's formula) entered as road distances, node 1 as the station. The same
instances are asserted in \`test/unit/planner-benchmarks.test.ts\`.

One trip, TSPLIB (SPEC: every instance up to 100 cities within 0.5%): worst
gap ${tspMax.toFixed(2)}% — ${verdict(tspMax <= 0.5)}.

| instance | cities | optimum | found | gap | time | CPU |
|---|---:|---:|---:|---:|---:|---:|
${gapRows(tsp, false)}

Several trips, CVRPLIB sets A, E and P (SPEC: mean gap ≤ 1%, none above
2.5%; trips ≤ the instance's vehicles + 1): mean ${vrpMean.toFixed(2)}% —
${verdict(vrpMean <= 1)}, worst ${vrpMax.toFixed(2)}% — ${verdict(vrpMax <= 2.5)}, trips within
vehicles + 1 — ${verdict(tripsOk)}.

| instance | customers | optimum | found | gap | trips / vehicles | time | CPU |
|---|---:|---:|---:|---:|---:|---:|---:|
${gapRows(vrp, true)}`;
}

function pages(r: Results): string {
  return `## Page weight

What a partner's phone or the kiosk downloads on first load (gzip, as
CloudFront and most servers send it); later loads come from the cache. Nothing
is fetched from outside: product pictures and icons are drawn in the page.

| page | files | transferred |
|---|---|---:|
${r.pages.map((p) => `| ${p.page} | ${p.files.map((f) => `${f.file} ${kb(f.gzipBytes)}`).join(', ')} | ${kb(p.gzipBytes)} |`).join('\n')}`;
}

export function renderReadme(r: Results): string {
  return `# Benchmarks

Run with \`npm run bench\` (a few minutes: it loads 100,000 orders into
DynamoDB Local). Every figure is a ratio measured side by side in one run on
one machine, so it holds across machines; the absolute times are this
machine's. Raw figures: [results.json](results.json).

Last run: ${r.measuredAt}, Node ${r.node}, ${r.machine}.${(r.remeasured ?? []).map((m) => `\nRe-measured ${m.at} with \`${m.by}\`: ${m.parts.join(', ')}.`).join('')}

${[coldStart(r), roundTrips(r), warmOverhead(r), statementScale(r), planner(r), pages(r)].join('\n\n')}
`;
}
