import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import { iconPng } from './icons.ts';

/** The pages' build output for `npm start` (the synth and the tests build into folders of their own). */
export const webDist = resolve('web/dist');
const publicDir = resolve('web/public');
const srcDir = resolve('web/src');

/** Each page is a folder of web/src with a main.tsx (and its index.html in web/public/<page>/). */
function pages(): string[] {
  if (!existsSync(srcDir)) return [];
  return readdirSync(srcDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(srcDir, d.name, 'main.tsx')))
    .map((d) => d.name);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const common: BuildOptions = {
  bundle: true,
  minify: true,
  // Cheap Android phones run Chrome-based browsers of the last few years: ES2020 covers them.
  target: ['es2020'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'error',
};

/** One service worker (web/src/sw/sw.ts) precaching `precache` (files of `dir`), under a version hashed from those files' contents. */
function buildServiceWorker(dir: string, outfile: string, precache: string[], caches: { app: string; data: string }) {
  const version = createHash('sha256');
  for (const f of [...precache].sort()) {
    const file = join(dir, f.endsWith('/') ? `${f}index.html` : f);
    version.update(f).update(readFileSync(file));
  }
  buildSync({
    ...common,
    entryPoints: [join(srcDir, 'sw', 'sw.ts')],
    outfile,
    format: 'iife',
    define: {
      PRECACHE: JSON.stringify([...precache].sort()),
      VERSION: JSON.stringify(version.digest('hex').slice(0, 12)),
      APP_CACHE: JSON.stringify(caches.app),
      DATA_CACHE: JSON.stringify(caches.data),
    },
  });
}

/**
 * Builds the pages into `outDir` (web/dist unless told): the static files of
 * web/public, the icons, one minified bundle per page, and the service worker.
 * The synth and the tests build into folders of their own, so builds running
 * side by side never empty each other's.
 */
export function buildWebSync(outDir: string = webDist): string {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(publicDir, outDir, { recursive: true });
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  for (const size of [192, 512]) writeFileSync(join(outDir, 'icons', `icon-${size}.png`), iconPng(size));
  // The barcode decoder's WebAssembly, served by the site itself: the pages' CSP lets them load nothing from a CDN.
  mkdirSync(join(outDir, 'vendor'), { recursive: true });
  cpSync(resolve('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'), join(outDir, 'vendor', 'zxing_reader.wasm'));
  const entries = pages();
  if (entries.length > 0) {
    buildSync({
      ...common,
      entryPoints: Object.fromEntries(entries.map((p) => [`${p}/main`, join(srcDir, p, 'main.tsx')])),
      outdir: outDir,
      format: 'esm',
      // A screen's own heavy part (the parcel scan screen's barcode decoder) is a chunk of its own, loaded on first use.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      jsx: 'automatic',
      jsxImportSource: 'preact',
    });
  }
  // The service worker precaches every file of the app (a page by its folder's address), under a version
  // that changes whenever any of them does, so a new deployment replaces the old copy whole.
  const files = filesUnder(outDir).map((f) => `/${relative(outDir, f).split(sep).join('/')}`);
  const asPage = (f: string) => (f.endsWith('/index.html') ? f.slice(0, -'index.html'.length) : f);
  // The site's root only leads to the partner form (a redirect where the server has one): it is not part of the app.
  // The operator console is an office page, not part of the partner's offline app: a partner's phone never downloads it.
  const isConsole = (f: string) => f.startsWith('/ops/');
  buildServiceWorker(outDir, join(outDir, 'sw.js'), files.filter((f) => f !== '/index.html' && !isConsole(f)).map(asPage), { app: 'app-', data: 'data' });
  // The console has a worker of its own, scoped to /ops/: reloaded without a network it opens (with the data last
  // read, said as such) instead of the browser's error page. Its caches are its own, so neither worker clears the other's.
  const shared = (f: string) => f === '/styles.css' || f.startsWith('/icons/');
  buildServiceWorker(outDir, join(outDir, 'ops', 'sw.js'), files.filter((f) => (isConsole(f) && f !== '/ops/sw.js') || shared(f)).map(asPage), {
    app: 'ops-app-',
    data: 'ops-data',
  });
  return outDir;
}
