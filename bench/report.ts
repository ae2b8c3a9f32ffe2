import type { ParcelBench } from './parcels.ts';
import type { SmsResults } from './sms.ts';
import { existsSync, readFileSync } from 'node:fs';
import type { BundleContents } from './bundle-contents.ts';
import type { ColdStart } from './cold-start.ts';
import type { ColdRequest } from './cold-request.ts';
import type { CostResults } from './cost.ts';
import type { PageWeight } from './pages.ts';
import type { PlannerGap, PlannerResults } from './planner.ts';
import type { RoundTrips } from './round-trips.ts';
import type { SearchScale, SideModuleImport } from './search-scale.ts';
import type { StatementScale } from './statement-scale.ts';
import type { WarmOverhead } from './warm-overhead.ts';

export interface Results {
  measuredAt: string;
  /** Parts measured again after the full run, by a partial runner. */
  remeasured?: { at: string; by: string; parts: string[] }[];
  node: string;
  machine: string;
  coldStart: {
    rounds: number;
    /** Wall time, and CPU time. */
    target: number;
    cpuTarget: number;
    floor: ColdStart;
    functions: ColdStart[];
    /** The floor built with the functions' client settings and credential alias: what their own code adds. */
    envFloor: ColdStart;
    /** The same client with the libraries every data function carries (bench/floor-libraries.ts): what is left for their own code. */
    libraries?: ColdStart;
    contents: { floor: BundleContents; functions: BundleContents[] };
    requests: ColdRequest[];
  };
  roundTrips: RoundTrips[];
  warmOverhead: { target: number; routes: WarmOverhead[] };
  statementScale: StatementScale & { target: number };
  searchScale?: SearchScale & { target: number; measuredAt: string; sideModules: SideModuleImport[] };
  planner: PlannerResults;
  pages: PageWeight[];
  cost?: CostResults;
  sms?: SmsResults;
  parcels?: ParcelBench;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;
const verdict = (ok: boolean) => (ok ? 'yes' : '**no**');
const n = (x: number) => x.toLocaleString('en-US');

/** The Cold start section alone (bench/cold-start-only.ts rewrites just this part of the README). */
export function coldStart(r: Results): string {
  const cs = r.coldStart;
  const last = (r.remeasured ?? []).filter((m) => m.parts.includes('cold start')).at(-1);
  const when = last ? `Measured ${last.at} with \`${last.by}\`.` : `Measured ${r.measuredAt} with \`npm run bench\`.`;
  const within = (x: { ratio: number; cpuRatio: number }) => verdict(x.cpuRatio <= cs.cpuTarget && x.ratio <= cs.target);
  const bars = `≤ ${cs.cpuTarget.toFixed(2)}× by CPU, ≤ ${cs.target}× wall`;
  const parts = (c: BundleContents) =>
    c.parts
      .filter((p) => p.bytes >= 1024)
      .slice(0, 7)
      .map((p) => `${p.part} ${kb(p.bytes)}`)
      .join(' · ');
  const same = cs.envFloor;
  const libs = cs.libraries;
  const sameWall = (f: ColdStart) => f.medianMs / same.medianMs;
  const sameCpu = (f: ColdStart) => f.medianCpuMs / same.medianCpuMs;
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  const data = cs.functions.filter((f) => f.name !== 'platform');
  const dataRequests = cs.requests.filter((q) => q.name !== 'platform');
  const sameWithin = (wall: number, cpu: number) => cpu <= cs.cpuTarget && wall <= cs.target;
  return `## Cold start (bar: ≤ ${cs.cpuTarget.toFixed(2)}× the floor by CPU time, ≤ ${cs.target}× by wall time)

${when}

### Import

Each function's production bundle, exactly as \`cdk synth\` builds it
(esbuild, minified ESM, AWS SDK bundled), imported in a fresh Node process:
the median of ${cs.rounds} processes per bundle, rounds interleaved so that
noise hits every bundle alike. Two floors, built with the functions' esbuild
settings: **the floor** of the bar, a bundle holding only the DynamoDB client
as the SDK ships it (\`bench/floor.ts\`), which the verdict uses; and **the
same client** (\`bench/floor-same.ts\`), the client built with the functions'
own settings (\`shared/store/client-settings.ts\`: timeouts, attempts) and
bundled with their credential alias (below), against which the ratio is what
the functions' own code costs. ${
    libs
      ? `A third row, **the libraries**
(\`bench/floor-libraries.ts\`), is the same client with what every data
function carries before any code of its own: lib-dynamodb's document client
built on it, middy, zod/mini and ulid; what the bar leaves for the functions'
own code is the gap between it and ${cs.cpuTarget.toFixed(2)}× the same client.`
      : ''
  }

| bundle | bytes | median import (wall) | × floor | × same client | median CPU | × floor | × same client | within (${bars}) |
|---|---:|---:|---:|---:|---:|---:|---:|:---:|
| ${cs.floor.name} | ${kb(cs.floor.bytes)} | ${cs.floor.medianMs} ms | 1.00 | | ${cs.floor.medianCpuMs} ms | 1.00 | | |
| the same client (the functions' client settings and credential alias) | ${kb(same.bytes)} | ${same.medianMs} ms | ${same.ratio.toFixed(2)} | 1.00 | ${same.medianCpuMs} ms | ${same.cpuRatio.toFixed(2)} | 1.00 | |
${libs ? `| ${libs.name} | ${kb(libs.bytes)} | ${libs.medianMs} ms | ${libs.ratio.toFixed(2)} | ${sameWall(libs).toFixed(2)} | ${libs.medianCpuMs} ms | ${libs.cpuRatio.toFixed(2)} | ${sameCpu(libs).toFixed(2)} | |\n` : ''}${cs.functions.map((f) => `| ${f.name} | ${kb(f.bytes)} | ${f.medianMs} ms | ${f.ratio.toFixed(2)} | ${sameWall(f).toFixed(2)} | ${f.medianCpuMs} ms | ${f.cpuRatio.toFixed(2)} | ${sameCpu(f).toFixed(2)} | ${within(f)} |`).join('\n')}

**The credential chain is what was cut.** The SDK's default credential chain
looks in the environment, then in profile files, SSO, a web identity token,
the container and instance metadata services, each with what it needs (the
STS, SSO and sign-in clients nested in the SDK): over a third of the floor's
bytes, most of them run at load. A Lambda function always finds its role's
credentials in the environment, the chain's first place, so the bundles alias
\`@aws-sdk/credential-provider-node\` to \`shared/store/lambda-credentials.ts\`,
which reads the environment and nothing else (\`infra/api-function.ts\`).
\`test/integration/shipped-bundles.test.ts\` checks that no shipped bundle
carries another source, and that a shipped bundle reaches the table with the
credentials Lambda puts in the environment (and not without them).

**Against the same client, the bars are not met.** The functions' own code
(zod, the stores, lib-dynamodb, middy, the HTTP layer, the routes' own code:
what the table below lists beyond the AWS SDK) costs the data functions
${range(data.map(sameWall))}× the same client's import by wall time and ${range(data.map(sameCpu))}× by CPU
(${data.filter((f) => sameWithin(sameWall(f), sameCpu(f))).length} of ${data.length} within both bars).${
    libs
      ? ` The libraries alone cost
${sameCpu(libs).toFixed(2)}× the same client by CPU and ${sameWall(libs).toFixed(2)}× by wall time, ${
          cs.cpuTarget - sameCpu(libs) >= 0.005
            ? `which leaves the routes, the stores, the HTTP layer and the domain about
${Math.round((cs.cpuTarget - sameCpu(libs)) * 100)}% of the same client's CPU between them.`
            : `which leaves nothing of the
${cs.cpuTarget.toFixed(2)}× for the routes, the stores, the HTTP layer and the domain: a function that validates with
zod/mini and reads through the document client is not within it at import, whatever its own code.`
        }`
      : ''
  } The
verdict above is against the bar's floor, the client as the SDK ships it; the
cut makes every function load faster than that floor, and is real for users
(a cold start ${Math.round((1 - Math.max(...data.map((f) => f.ratio))) * 100)}–${Math.round((1 - Math.min(...data.map((f) => f.ratio))) * 100)}% shorter than the plain client's alone), but it is a cut
in the SDK, not in the functions' own code. The message catalogue is no longer
in any bundle: it is written beside each at synth and read when the first
message is rendered (\`shared/i18n/messages.ts\`, \`infra/api-function.ts\`);
\`bench/cold-start-cut.ts\` measures the bundles with and without it side by side.
What is left is code: zod, the stores, lib-dynamodb with util-dynamodb, middy,
the HTTP layer and the routes' own.

Work is left for first use where a request needs it (the DynamoDB client is
built at import, as the floor builds it: \`shared/store/db.ts\`): the message catalogue the
first time a message is rendered (\`shared/i18n/messages.ts\`), each route's
schemas the first time the route is called (\`shared/schemas/lazy.ts\`), and
the deployed environment is read without building its schema
(\`shared/config.ts\`). The cold request below counts all of it. The bundles
are ASCII, as the floor is (\`infra/api-function.ts\`): V8 reads them as
one-byte text.

### What each bundle carries

From esbuild's metafile (\`bench/bundle-contents.ts\`): each bundle built
again with the CDK app's settings, the same size to the byte as the
synthesised one, its bytes by where they come from (the AWS SDK's packages as
one; parts under 1 KB left out).

| bundle | bytes | largest parts |
|---|---:|---|
| ${cs.contents.floor.name} | ${kb(cs.contents.floor.bytes)} | ${parts(cs.contents.floor)} |
${cs.contents.functions.map((c) => `| ${c.name} | ${kb(c.bytes)} | ${parts(c)} |`).join('\n')}
${
  r.searchScale?.sideModules.length
    ? `
Shipped beside a bundle and imported on first use only (not in the bytes above):
${r.searchScale.sideModules.map((m) => `${m.name} (${kb(m.bytes)}, ${m.medianCpuMs} ms of CPU to import)`).join(', ')}; see the catalogue search section.
`
    : ''
}
### The cold request

In a fresh process, each function's bundle imported and its handler given the
first request of a representative route (a read, so every round asks the
same) against DynamoDB Local; beside it, in fresh processes too, each floor
imported (\`bench/floor-request.ts\`: the client built at load) and the very
DynamoDB calls the route made, caught from the handler after marshalling, sent
raw. Every process runs as deployed: no local endpoint in the code (the SDK's
\`AWS_ENDPOINT_URL_DYNAMODB\` stands in for the regional endpoint) and
credentials from the environment, found by each bundle's own provider. Median
of ${cs.rounds} of each, interleaved (\`bench/cold-request.ts\`).

| bundle | route | DynamoDB calls | import + first request (wall) | floor + raw calls | × floor | × same client | CPU | floor CPU | × floor | × same client | within (${bars}) |
|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|
${cs.requests.map((q) => `| ${q.name} | ${q.route} | ${q.calls} | ${q.medianMs} ms | ${q.floorMs} ms | ${q.ratio.toFixed(2)} | ${q.sameClientRatio.toFixed(2)} | ${q.medianCpuMs} ms | ${q.floorCpuMs} ms | ${q.cpuRatio.toFixed(2)} | ${q.sameClientCpuRatio.toFixed(2)} | ${within(q)} |`).join('\n')}

Against the same client, the data functions' cold requests are
${range(dataRequests.map((q) => q.sameClientRatio))}× by wall time and ${range(dataRequests.map((q) => q.sameClientCpuRatio))}× by CPU
(${dataRequests.filter((q) => sameWithin(q.sameClientRatio, q.sameClientCpuRatio)).length} of ${dataRequests.length} within both bars). Every side of a row pays
what its first call costs the client (building it, resolving its endpoint and
credentials, opening the connection); DynamoDB Local's \`http:\` endpoint also
makes the SDK load Node's HTTP client stack on that call, which an \`https:\`
endpoint in AWS does not. The platform's OpenAPI document is written beside
its bundle at synth (\`infra/station-stack.ts\`), so its first request reads a
file rather than building the document from the route table.`;
}

export function roundTrips(r: Results): string {
  return `## DynamoDB round trips per money command (bar: one read round trip, one write)

Counted by a middleware on the client the handlers use, calling the local
API (\`bench/round-trips.ts\`; \`test/integration/round-trips.test.ts\` holds
the same counts). The Idempotency-Key record comes in the same BatchGetItem as
everything the command reads.

| command | reads | writes | calls in order | bill gateway calls |
|---|---:|---:|---|---|
${r.roundTrips.map((c) => `| ${c.command} | ${c.reads} | ${c.writes} | ${c.calls.join(' → ')} | ${c.gatewayCalls ? c.gatewayCalls.join(' → ') : ''} |`).join('\n')}

A bill payment crosses the network to the bill gateway (docs/bill-gateway.md):
one BatchGetItem (its key record, the station, the biller), the gateway's
look-up of the account, one TransactWriteItems that takes the
cash (PENDING), the payment sent to the gateway, and one settling
TransactWriteItems (PAID or FAILED). A payment the gateway does not answer
stops after the first transaction (PENDING) and is settled later by a status
read and the same settling write. A hand-over to a villager already served
this month learns it from the first transaction's refusal and writes again
without the month's "served" count (one more TransactWriteItems, no read;
\`test/integration/round-trips.test.ts\` holds that case too).`;
}

function warmOverhead(r: Results): string {
  const w = r.warmOverhead;
  return `## Warm handler overhead (bar: ≤ ${w.target}× at p50)

The Lambda handler invoked in-process with an HTTP API v2 event (middy, JWT
claims, zod, the store, JSON) against the same DynamoDB calls made raw with
the same client, interleaved, against DynamoDB Local.

| route | DynamoDB calls | handler p50 | raw p50 | × raw | within ${w.target}× |
|---|---|---:|---:|---:|:---:|
${w.routes.map((x) => `| ${x.route} | ${x.calls} | ${x.handlerP50Ms} ms | ${x.rawP50Ms} ms | ${x.ratio.toFixed(2)} | ${verdict(x.ratio <= w.target)} |`).join('\n')}`;
}

function parcels(r: Results): string {
  const p = r.parcels;
  if (!p) return '';
  return `## Parcels: a scan, and the shelf against volume (bars: scan p50 ≤ ${p.scan.target}× its raw calls; shelf the same at ${n(p.shelf.smallParcels)} and ${n(p.shelf.largeParcels)} parcels, ≤ ${p.shelf.target}×)

A scan through the warm handler against the same two calls made raw with the
same client (${p.scan.calls}; the raw path's items built off the clock),
interleaved: ${p.scan.handlerP50Ms} ms against ${p.scan.rawP50Ms} ms at p50, ratio ${p.scan.ratio.toFixed(2)}× (${verdict(p.scan.ratio <= p.scan.target)}).

The shelf's first page (50 parcels) through the handler at two stations, one
keeping ${n(p.shelf.smallParcels)} parcels and one ${n(p.shelf.largeParcels)} (loaded in ${p.shelf.loadSeconds} s), interleaved.
It is one Query of the station's status partition, so what else is kept never enters it.

| parcels kept | p50 |
|---:|---:|
| ${n(p.shelf.smallParcels)} | ${p.shelf.smallP50Ms} ms |
| ${n(p.shelf.largeParcels)} | ${p.shelf.largeP50Ms} ms |

Ratio ${p.shelf.ratio.toFixed(2)}× (within ${p.shelf.target}×: ${verdict(p.shelf.ratio <= p.shelf.target)}).`;
}

function statementScale(r: Results): string {
  const s = r.statementScale;
  return `## Statement read against volume (bar: the same at 1,000 and 100,000 orders, ≤ ${s.target}×)

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

function searchScale(r: Results): string {
  const s = r.searchScale;
  if (!s) return '';
  const w = s.writes;
  const worst = Math.max(...s.queries.map((q) => q.ratio));
  return `## Catalogue search against catalogue size (bar: the same at 1,000 and 100,000 products, ≤ ${s.target}×)

Measured ${s.measuredAt} with \`npx tsx bench/search-only.ts\` (the search
part of \`npm run bench\`, which it re-runs alone and writes into this file and
results.json). One table holds ${n(s.smallProducts)} products titled 电冰箱 and
${n(s.largeProducts)} titled 洗衣机, each loaded with exactly the items its PUT
writes (the product and one entry per search term: ${n(s.itemsLoaded)} items,
loaded in ${s.loadSeconds} s); for the large catalogue every product matches,
the worst case. Each query asks for a page of ${s.pageSize} through the
handler, the small and the large catalogue interleaved. A query reads one
term's entries, already in rank order, and stops when the page is full, so the
catalogue's size never enters it: the items read are counted (the Query calls'
\`ScannedCount\`).

| query | 1,000 products | p50 | items read | 100,000 products | p50 | items read | ratio | within ${s.target}× |
|---|---|---:|---:|---|---:|---:|---:|:---:|
${s.queries.map((q) => `| ${q.shape} | \`${q.smallQuery}\` | ${q.smallP50Ms} ms | ${q.smallItemsRead} | \`${q.largeQuery}\` | ${q.largeP50Ms} ms | ${q.largeItemsRead} | ${q.ratio.toFixed(2)} | ${verdict(q.ratio <= s.target)} |`).join('\n')}

Worst ratio ${worst.toFixed(2)}× (within ${s.target}×: ${verdict(worst <= s.target)}).

**Items written per product PUT** (one TransactWriteItems; DynamoDB allows
${w.limit}): over the ${w.products} demo products, a new product writes
${w.newMin}–${w.newMax} items (median ${w.newMedian}): itself and one search
entry per term, at most 48 terms. A title change also deletes the entries no
longer wanted: median ${w.changeMedian}, at most ${w.changeMax} items (never
above 1 + 2 × 48 = 97).

**Pinyin only where products are written.** The catalogue function's bundle
carries no pinyin dictionary; pinyin-pro ships beside it and is imported the
first time a container writes a product:

| side module | bytes | median import (wall) | median CPU |
|---|---:|---:|---:|
${s.sideModules.map((m) => `| ${m.name} | ${kb(m.bytes)} | ${m.medianMs} ms | ${m.medianCpuMs} ms |`).join('\n')}`;
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
  return `## Delivery planning

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

| case | stops | instances | p50 | p95 | max | CPU p50 | CPU p95 | bar (p95) | within |
|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|
${p.timings.map((c) => `| ${c.case} | ${c.stops} | ${c.instances} | ${c.p50Ms} ms | ${c.p95Ms} ms | ${c.maxMs} ms | ${c.cpuP50Ms} ms | ${c.cpuP95Ms} ms | ${c.targetP95Ms === undefined ? '' : `${n(c.targetP95Ms)} ms`} | ${c.targetP95Ms === undefined ? '' : verdict(c.p95Ms <= c.targetP95Ms)} |`).join('\n')}

The verdict is on wall time, which is what the bar measures; the CPU columns (the planning
process's user + system time for the same runs) show what the planner costs
apart from other work sharing the machine's two cores, which stretches wall
time when the machine is busy.

### Distance against published optima

Each instance from \`test/fixtures/\` (sources in its README), planned on its
own distances (TSPLIB/CVRPLIB rounding: EUC_2D to the nearest integer, GEO by
TSPLIB's formula) entered as road distances, node 1 as the station. The same
instances are asserted in \`test/unit/planner-benchmarks.test.ts\`.

One trip, TSPLIB (bar: every instance up to 100 cities within 0.5%): worst
gap ${tspMax.toFixed(2)}% — ${verdict(tspMax <= 0.5)}.

| instance | cities | optimum | found | gap | time | CPU |
|---|---:|---:|---:|---:|---:|---:|
${gapRows(tsp, false)}

Several trips, CVRPLIB sets A, E and P (bar: mean gap ≤ 1%, none above
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
CloudFront and most servers send it); later loads come from the service worker's
cache. Nothing is fetched from outside: product pictures and icons are drawn in
the page (the app icons are drawn by the build).

| page | files | transferred |
|---|---|---:|
${r.pages.map((p) => `| ${p.page} | ${p.files.map((f) => `${f.file} ${kb(f.gzipBytes)}`).join(', ')} | ${kb(p.gzipBytes)} |`).join('\n')}

The partner form carries the message catalogue it shares with the API (every
problem in both languages, about 7 KB of its script) and the intents (IndexedDB
through \`idb\`); the kiosk carries neither.${lighthouse()}`;
}

/** The last \`npm run lighthouse\` (bench/lighthouse.json), when there is one. */
function lighthouse(): string {
  if (!existsSync('bench/lighthouse.json')) return '';
  const l = JSON.parse(readFileSync('bench/lighthouse.json', 'utf8')) as {
    measuredAt: string;
    audits: { screen: string; formFactor: string; performance: number; accessibility: number; cls: number; lcpMs: number; tbtMs: number }[];
  };
  return `

## Lighthouse

\`npm run lighthouse\` (Lighthouse 13, the signed-in partner form, a first visit on
each screen; mobile is Lighthouse's simulated slow 4G and 4× CPU). Last run:
${l.measuredAt}. Bars: accessibility 100, performance ≥ 95, CLS < 0.1.

| screen | form factor | performance | accessibility | CLS | LCP | TBT |
|---|---|---:|---:|---:|---:|---:|
${l.audits.map((a) => `| ${a.screen} | ${a.formFactor} | ${Math.round(a.performance * 100)} | ${Math.round(a.accessibility * 100)} | ${a.cls.toFixed(3)} | ${a.lcpMs} ms | ${a.tbtMs} ms |`).join('\n')}`;
}

function cost(r: Results): string {
  if (!r.cost) return '';
  const c = r.cost;
  const p = c.prices;
  return `## What an order costs

Every DynamoDB call the handlers make during an order's life asks for
\`ReturnConsumedCapacity\`; the units are added up per life, averaged over
repeated lives through the local API (\`bench/cost.ts\`). Lambda time is the
requests' wall time through the local server (an upper bound of the billed
duration) at ${p.functionMemoryGb} GB; every request also pays the Lambda and
HTTP API request prices. Prices: ${p.region}: $${p.usdPerMillionWriteUnits} per
million write request units, $${p.usdPerMillionReadUnits} per million read
request units, $${p.usdPerGbSecondArm} per GB-second (arm64),
$${p.usdPerMillionLambdaRequests} per million Lambda requests,
$${p.usdPerMillionHttpApiRequests} per million HTTP API requests. DynamoDB
Local reports capacity as the service computes it for item sizes; treat the
units as an estimate.

| an order's life | requests | read units | write units | handler time | ¥ per 1,000 orders |
|---|---:|---:|---:|---:|---:|
${c.lives.map((l) => `| ${l.life} | ${l.requests} | ${l.readUnits} | ${l.writeUnits} | ${l.handlerMs} ms | ¥${l.yuanPer1000} |`).join('\n')}

A province (${n(c.province.stations)} stations × ${n(c.province.ordersPerStationPerMonth)} orders a month, each at
the dearer of the two lives): **¥${n(c.province.yuanPerMonth)} a month** for
DynamoDB, Lambda and the HTTP API, before storage, logs and data transfer.
Formula: (write units × WRU price + read units × RRU price + handler seconds ×
GB × GB-second price + requests × (Lambda + HTTP API request prices)) × CNY/USD.`;
}

function sms(r: Results): string {
  if (!r.sms) return '';
  const s = r.sms;
  const m = s.messagesPerOrder;
  return `## Messages (bar: an order's code leaves within ${s.bar.leaveMs / 1000} s, never twice)

${s.orders} orders placed one after another at random moments (up to 3 s apart), each for a villager of
its own phone, through the local API, the local stream poller as \`npm start\` runs it and the stand-in SMS
gateway (\`bench/sms.ts\`). From the answer that placed the order to the gateway sending its code:
**p50 ${s.leaveMs.p50} ms, p95 ${s.leaveMs.p95} ms, at most ${s.leaveMs.max} ms**. (In AWS the event source
mapping hands new stream records to the consumer within about a second.) Never twice is checked by
\`test/integration/messages.test.ts\` under every gateway fault; placing an order is still one read and
one write with its message in that write (round trips above).

Cost: an order's code message is ${s.segmentsPerOrder} segment${s.segmentsPerOrder === 1 ? '' : 's'} at ¥${s.yuanPerSegment}
a segment (to be re-priced with the gateway's contract); with its life's share of other messages (its code
${m.code}, a run's notice ${m.runNotice}, a reprint ${m.reprint}: assumptions) that is **¥${s.yuanPer1000Orders} per 1,000
orders**, beside the AWS cost below.`;
}

/**
 * A README with one of its sections (from its `## ` heading to the next) in
 * place of what was there: what a partial run (`npm run load`,
 * bench/cold-start-only.ts) writes, leaving every other section as it was.
 */
export function replaceSection(readme: string, heading: string, section: string): string {
  const start = readme.indexOf(`\n${heading}`) + 1;
  const end = readme.indexOf('\n## ', start);
  if (start <= 0 || end < 0) throw new Error(`bench/README.md has no "${heading}" section to replace`);
  return `${readme.slice(0, start)}${section}\n${readme.slice(end)}`;
}

/** The load test's section, from bench/load.json (`npm run load`), kept when the rest is re-rendered. */
export function load(): string {
  if (!existsSync('bench/load.json')) return '';
  const l = JSON.parse(readFileSync('bench/load.json', 'utf8')) as {
    measuredAt: string;
    settings: { seconds: number; rate: number; stations: number; faults: boolean };
    command?: string;
    machine?: { cores: number; loadAverage: { atStart: number; atEnd?: number } };
    commands: number;
    acknowledged: number;
    refused: number;
    unanswered: number;
    unretryable?: number;
    throughputPerSecond: number;
    routes: { route: string; requests: number; p50: number; p95: number; p99: number }[];
    errors: Record<string, number>;
    smsSent: number;
    billsApplied: number;
    audit: { stations: number; discrepancies: number };
    problems: { rule: string; detail: string }[];
    passed: boolean;
  };
  const errors = Object.entries(l.errors);
  return `## Load (bar: a province's day held, every acknowledged command once, the audit clean, every 5xx a 503/504 saying to retry)

How to run it: \`npm run load\` starts DynamoDB Local, the two stand-in gateways and the API
(bench/load/api-process.ts) on 127.0.0.1, sets up the stations, runs the load with its faults, checks the table, and
writes bench/load.json and this section; it exits 1 if the check fails. Settings: \`LOAD_SECONDS\` (600),
\`LOAD_RATE\` (commands a second across the stations, 10), \`LOAD_STATIONS\` (30), \`LOAD_FAULTS=0\` for none.
The checker's own tests plant a duplicate and a loss and see them caught (test/unit/load-check.test.ts).

\`${l.command ?? 'npm run load'}\` (${l.measuredAt}): ${l.settings.stations} stations' partners at once, ${l.settings.rate} commands a second for
${l.settings.seconds} s against the local system on this machine, ${l.settings.faults ? 'with DynamoDB Local frozen for 10 s, the API process killed and started again, and both gateways failing, one after another' : 'without faults'}.${
    l.machine
      ? ` The machine (${l.machine.cores} cores) had a load average of ${l.machine.loadAverage.atStart} when the run started${l.machine.loadAverage.atEnd !== undefined ? ` and ${l.machine.loadAverage.atEnd} at its end` : ''}.`
      : ''
  }
Clients retry as the pages do (the same key, after a network failure or a 5xx). **${l.passed ? 'Passed' : 'Failed'}**:
${l.commands} commands (${l.throughputPerSecond} a second), ${l.acknowledged} acknowledged commands checked against
the table (bench/load/check.ts: each order, payment, remittance, ticket, bill, parcel scanned in, delivery run and hand-over there once, nothing else,
drawers and payments to the fen, the month's parcel counts, no SMS twice),
${l.refused} refused, ${l.unanswered} never answered, ${l.unretryable ?? 0} 5xx without a 503/504 and its Retry-After; ${l.smsSent} messages sent, ${l.billsApplied} bills applied; the audit of
${l.audit.stations} stations found ${l.audit.discrepancies} discrepancies${l.problems.length ? `; problems: ${l.problems.map((p) => p.detail).join('; ')}` : ''}.

| route | requests | p50 | p95 | p99 |
|---|---:|---:|---:|---:|
${l.routes.map((r) => `| ${r.route} | ${r.requests} | ${r.p50} ms | ${r.p95} ms | ${r.p99} ms |`).join('\n')}

Answers other than 2xx and 4xx (each retried with the same key): ${errors.length ? errors.map(([k, v]) => `${k}: ${v}`).join(', ') : 'none'}.`;
}

/** The catalogue import's section, written by `npx tsx bench/import.ts` (bench/import.md), kept whole when the rest is re-rendered. */
const importSection = () => (existsSync('bench/import.md') ? readFileSync('bench/import.md', 'utf8').trim() : '');

export function renderReadme(r: Results): string {
  return `# Benchmarks

Run with \`npm run bench\` (it takes a while: it loads 100,000 orders, and
100,000 products with their search entries, into DynamoDB Local). Every figure is a ratio measured side by side in one run on
one machine, so it holds across machines; the absolute times are this
machine's. Raw figures: [results.json](results.json). The bars are the
project's own, each with where else it is checked: [docs/quality.md](../docs/quality.md).

Last run: ${r.measuredAt}, Node ${r.node}, ${r.machine}.${(r.remeasured ?? []).map((m) => `\nRe-measured ${m.at} with \`${m.by}\`: ${m.parts.join(', ')}.`).join('')}

${[coldStart(r), roundTrips(r), warmOverhead(r), statementScale(r), searchScale(r), parcels(r), importSection(), sms(r), load(), cost(r), planner(r), pages(r)].filter(Boolean).join('\n\n')}
`;
}
