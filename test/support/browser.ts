import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildWebSync } from '#scripts/build-web.ts';
import { seedDemoData } from '#scripts/local/seed.ts';
import { createLocalServer, listen } from '#scripts/local/server.ts';
import { startTestGateway, type TestGateway } from './bill-gateway.ts';

const systemChromium = '/usr/bin/chromium';
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * The browser the page tests drive: CHROMIUM_PATH, else Debian's chromium, else the Chromium that
 * `@sparticuz/chromium` ships inside its npm package (so `npm ci && npm test` needs nothing installed by hand).
 */
export async function chromiumLaunch(): Promise<{ executablePath: string; args: string[] }> {
  const given = process.env.CHROMIUM_PATH ?? (existsSync(systemChromium) ? systemChromium : undefined);
  if (given) return { executablePath: given, args: flags };
  const { default: packaged } = await import('@sparticuz/chromium');
  // Its own `args` are for Lambda (single process, web security off): a test browser keeps ours.
  return { executablePath: await packaged.executablePath(), args: flags };
}

export interface Site {
  url: string;
  browser: Browser;
  /** A fresh browser context (its own storage), at a viewport width. */
  context(width?: number): Promise<BrowserContext>;
  page(width?: number): Promise<Page>;
  /** The stand-in bill gateway behind the site (as npm start runs one). */
  gateway: TestGateway;
}

export interface SiteOptions {
  /** Runs the bill reconciler this often, as the local server's timer does under npm start. */
  reconcileEveryMs?: number;
}

/** The pages served by the local server (built as `npm start` builds them) over demo data, and a headless Chromium. */
export function useSite(options: SiteOptions = {}): Site {
  let server: Server;
  const site: Site = {
    url: '',
    browser: undefined as unknown as Browser,
    gateway: undefined as unknown as TestGateway,
    context: (width = 1280) => site.browser.newContext({ viewport: { width, height: width < 600 ? 800 : 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }),
    page: async (width = 1280) => {
      const page = await (await site.context(width)).newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      return page;
    },
  };
  beforeAll(async () => {
    const webDir = buildWebSync();
    site.gateway = await startTestGateway();
    await seedDemoData();
    server = createLocalServer({ webDir, ...options });
    await listen(server, 0, '127.0.0.1');
    const address = server.address();
    site.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    site.browser = await chromium.launch(await chromiumLaunch());
  });
  afterAll(async () => {
    await site.browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await site.gateway?.close();
  });
  return site;
}
