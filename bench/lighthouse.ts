/**
 * `npm run lighthouse`: Lighthouse audits of the partner form as a signed-in partner
 * sees it, on a phone (Lighthouse's mobile settings: 412 px, a slow 4G and a 4× slower
 * CPU, simulated) and on the shop PC (its desktop settings), against the local server
 * (pages compressed as CloudFront sends them) over the demo data.
 *
 * Each audit is a first visit: signed in (the session is in localStorage) but
 * with no service worker and no cached copies, so the app is fetched and run
 * from the network. Bars (docs/quality.md "Pages"): accessibility 100,
 * performance ≥ 95, CLS < 0.1. Results go to bench/lighthouse.json; the process
 * exits non-zero when a bar is missed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';
import { buildWebSync } from '../scripts/build-web.ts';
import { chromiumLaunch } from '../scripts/local/chromium.ts';
import { ensureTable } from '../scripts/local/create-table.ts';
import { localClient, startDynamoDbLocal } from '../scripts/local/dynamodb.ts';
import { freePort } from '../scripts/local/ports.ts';

const screens = (process.env.LIGHTHOUSE_SCREENS ?? 'order,orders,cash').split(',');
const bars = { accessibility: 1, performance: 0.95, cls: 0.1 };

const dynamo = await startDynamoDbLocal({ port: await freePort() });
const tableName = `lighthouse-${randomUUID().slice(0, 8)}`;
Object.assign(process.env, { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamo.endpoint, AWS_REGION: 'local', LOG_LEVEL: 'silent' });
const client = localClient(dynamo.endpoint);
await ensureTable(client, tableName);
client.destroy();
const { seedDemoData } = await import('../scripts/local/seed.ts');
await seedDemoData();
const { createLocalServer, listen } = await import('../scripts/local/server.ts');
const server = createLocalServer({ webDir: buildWebSync() });
await listen(server, 0, '127.0.0.1');
const address = server.address();
const site = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const port = await freePort();
const launch = await chromiumLaunch();
// A persistent context is the browser's default profile: the tab Lighthouse opens shares its storage (the session).
const profile = mkdtempSync(join(tmpdir(), 'lighthouse-'));
const context = await chromium.launchPersistentContext(profile, { ...launch, args: [...launch.args, `--remote-debugging-port=${port}`] });

interface Audit {
  screen: string;
  formFactor: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  cls: number;
  lcpMs: number;
  tbtMs: number;
  transferredBytes: number;
  /** The audit saw the signed-in form, not the sign-in page. */
  signedIn: boolean;
  failing: string[];
}
const audits: Audit[] = [];

try {
  // Sign in once, as a partner does (the session is kept in localStorage).
  const page = await context.newPage();
  await page.goto(`${site}/partner/`);
  await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
  await page.getByRole('navigation').waitFor();
  await page.waitForLoadState('networkidle');
  const cdp = await context.newCDPSession(page);
  /** A first visit, still signed in: no service worker, no copies, nothing in the HTTP cache; localStorage kept. */
  const firstVisit = async () => {
    await cdp.send('Storage.clearDataForOrigin', { origin: site, storageTypes: 'service_workers,cache_storage,indexeddb' });
    await cdp.send('Network.clearBrowserCache');
  };

  for (const formFactor of ['mobile', 'desktop'] as const) {
    for (const screen of screens) {
      await firstVisit();
      const url = `${site}/partner/#/${screen}`;
      const result = await lighthouse(
        url,
        { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], disableStorageReset: true },
        formFactor === 'desktop' ? desktopConfig : undefined,
      );
      const lhr = result!.lhr;
      const requests = (lhr.audits['network-requests']?.details as { items?: { url: string; transferSize: number; statusCode: number }[] })?.items ?? [];
      if (process.env.LIGHTHOUSE_DEBUG) for (const r of requests) console.log(`  ${r.statusCode} ${r.transferSize} ${r.url}`);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'metricSavings'))
        .map((a) => a.id);
      audits.push({
        screen,
        formFactor,
        performance: lhr.categories.performance!.score ?? 0,
        accessibility: lhr.categories.accessibility!.score ?? 0,
        cls: Number(lhr.audits['cumulative-layout-shift']!.numericValue ?? 0),
        lcpMs: Math.round(Number(lhr.audits['largest-contentful-paint']!.numericValue ?? 0)),
        tbtMs: Math.round(Number(lhr.audits['total-blocking-time']!.numericValue ?? 0)),
        transferredBytes: Number(lhr.audits['total-byte-weight']!.numericValue ?? 0),
        // Signed in: the form read the station's data, and never asked for the sign-in page's logins.
        signedIn: requests.some((r) => r.url.includes('/v1/stations/')) && !requests.some((r) => r.url.includes('/local/demo-logins')),
        failing,
      });
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await new Promise<void>((r) => server.close(() => r()));
  await dynamo.stop();
}

console.log('\nscreen    form factor  performance  accessibility  CLS     LCP      TBT     bytes');
for (const a of audits) {
  console.log(
    `${a.screen.padEnd(9)} ${a.formFactor.padEnd(12)} ${String(Math.round(a.performance * 100)).padStart(11)}  ${String(Math.round(a.accessibility * 100)).padStart(13)}  ${a.cls.toFixed(3)}  ${String(a.lcpMs).padStart(5)} ms  ${String(a.tbtMs).padStart(4)} ms  ${a.transferredBytes}`,
  );
  if (!a.signedIn) console.log('          NOT SIGNED IN: the audit saw the sign-in page');
  if (a.failing.length) console.log(`          not passed: ${a.failing.join(', ')}`);
}
writeFileSync('bench/lighthouse.json', JSON.stringify({ measuredAt: new Date().toISOString(), lighthouse: '13.5.0', bars, audits }, null, 2) + '\n');
const missed = audits.filter((a) => !a.signedIn || a.accessibility < bars.accessibility || a.performance < bars.performance || a.cls >= bars.cls);
if (missed.length) {
  console.error(`\nBelow the bars (accessibility 100, performance ≥ 95, CLS < 0.1): ${missed.map((a) => `${a.screen}/${a.formFactor}`).join(', ')}`);
  process.exit(1);
}
console.log('\nAll audits meet the bars (accessibility 100, performance ≥ 95, CLS < 0.1).');
