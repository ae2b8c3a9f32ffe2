import { existsSync } from 'node:fs';

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
 * The browser the page tests and the Lighthouse audit drive: CHROMIUM_PATH, else Debian's chromium, else the
 * Chromium that `@sparticuz/chromium` ships inside its npm package (so `npm ci && npm test` needs nothing installed by hand).
 */
export async function chromiumLaunch(): Promise<{ executablePath: string; args: string[] }> {
  const given = process.env.CHROMIUM_PATH ?? (existsSync(systemChromium) ? systemChromium : undefined);
  if (given) return { executablePath: given, args: flags };
  const { default: packaged } = await import('@sparticuz/chromium');
  // Its own `args` are for Lambda (single process, web security off): a test browser keeps ours.
  return { executablePath: await packaged.executablePath(), args: flags };
}
