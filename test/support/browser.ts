import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { buildWebSync } from '#scripts/build-web.ts';
import { chromiumLaunch } from '#scripts/local/chromium.ts';
import { seedDemoData } from '#scripts/local/seed.ts';
import { createLocalServer, listen } from '#scripts/local/server.ts';
import { startTestGateway, type TestGateway } from './bill-gateway.ts';
import type { OutboxPoller } from '#scripts/local/outbox-poller.ts';
import { receiptNo } from '#domain/order.ts';
import { startOutbox } from './outbox.ts';
import { startTestSms, type TestSms } from './sms-gateway.ts';

export { chromiumLaunch };

export interface Site {
  url: string;
  /**
   * A dead zone: while true the server drops every browser connection unanswered (pages, data, commands alike),
   * as a phone without signal sees it. Unlike the browser's offline switch it also reaches the service worker.
   */
  cut: boolean;
  browser: Browser;
  /** A fresh browser context (its own storage), at a viewport width. */
  context(width?: number): Promise<BrowserContext>;
  page(width?: number): Promise<Page>;
  /** Content-Security-Policy violations reported by the pages since the last call (taken, so each is seen once). */
  cspViolations(): string[];
  /** The stand-in bill gateway behind the site (as npm start runs one). */
  gateway: TestGateway;
  /** The outbox's consumer on the site's table, as npm start runs it. */
  outbox: OutboxPoller;
  /** The stand-in SMS gateway the outbox sends through. */
  sms: TestSms;
  /** The newest delivery code an order's villager got by SMS (waiting for the outbox to send it); `not`: one other than this. */
  codeOf(orderId: string, not?: string): Promise<string>;
  /** An order's delivery code as its villager has it: in the placing answer when printed, else from their SMS. */
  deliveryCode(placed: { orderId: string; deliveryCode?: string }): Promise<string>;
}

export interface SiteOptions {
  /** Runs the bill reconciler this often, as the local server's timer does under npm start. */
  reconcileEveryMs?: number;
  /** Consume the outbox as npm start does (the table's stream); on unless `false`. */
  outbox?: boolean;
}

/** The pages served by the local server (built as `npm start` builds them) over demo data, and a headless Chromium. */
export function useSite(options: SiteOptions = {}): Site {
  let server: Server;
  const violations: string[] = [];
  const site: Site = {
    url: '',
    cut: false,
    browser: undefined as unknown as Browser,
    gateway: undefined as unknown as TestGateway,
    outbox: undefined as unknown as OutboxPoller,
    sms: undefined as unknown as TestSms,
    context: (width = 1280) => site.browser.newContext({ viewport: { width, height: width < 600 ? 800 : 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }),
    page: async (width = 1280) => {
      const page = await (await site.context(width)).newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      // Every CSP violation, both ways Chromium reports it: the DOM event and the console error.
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
      });
      await page.exposeBinding('reportCspViolation', (_source, text: string) => void violations.push(text));
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
            `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
          ),
        ),
      );
      return page;
    },
    cspViolations: () => violations.splice(0),
    async codeOf(orderId, not) {
      const no = receiptNo(orderId);
      for (let tries = 0; tries < 300; tries++) {
        const sent = (await site.sms.messages()).filter((m) => m.params.receiptNo === no && m.params.code);
        const code = sent.sort((a, b) => a.sendTime.localeCompare(b.sendTime)).at(-1)?.params.code;
        if (code && code !== not) return code;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no delivery code sent by SMS for order ${orderId}`);
    },
    deliveryCode: async (placed) => placed.deliveryCode ?? site.codeOf(placed.orderId),
  };
  // No screen of any test may break the Content-Security-Policy the pages are served with.
  afterEach(() => {
    expect(site.cspViolations(), 'Content-Security-Policy violations').toEqual([]);
  });
  beforeAll(async () => {
    const webDir = buildWebSync(mkdtempSync(join(tmpdir(), 'web-')));
    site.gateway = await startTestGateway();
    await seedDemoData();
    site.sms = await startTestSms();
    if (options.outbox !== false) site.outbox = await startOutbox();
    const serve = createLocalServer({
      webDir,
      ...(options.reconcileEveryMs ? { timers: [{ job: 'reconcile-bills', everyMs: options.reconcileEveryMs }] } : {}),
    });
    server = createServer((req, res) => {
      // The browser (page and service worker) is in the dead zone; the test's own checks still reach the API.
      if (site.cut && /Mozilla/.test(req.headers['user-agent'] ?? '')) {
        req.socket.destroy();
        return;
      }
      serve.emit('request', req, res);
    });
    await listen(server, 0, '127.0.0.1');
    const address = server.address();
    site.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    site.sms?.receiptsTo(`${site.url}/v1/sms/receipts`);
    site.browser = await chromium.launch(await chromiumLaunch());
  });
  afterAll(async () => {
    await site.browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await site.gateway?.close();
    await site.outbox?.stop();
    await site.sms?.close();
  });
  return site;
}
