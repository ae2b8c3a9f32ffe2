import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/** The pages' build output: served by the local server, deployed to S3 by CDK. */
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

/** Builds web/dist: the static files of web/public plus one minified bundle per page. */
export function buildWebSync(): string {
  rmSync(webDist, { recursive: true, force: true });
  mkdirSync(webDist, { recursive: true });
  cpSync(publicDir, webDist, { recursive: true });
  const entries = pages();
  if (entries.length > 0) {
    buildSync({
      entryPoints: Object.fromEntries(entries.map((p) => [`${p}/main`, join(srcDir, p, 'main.tsx')])),
      outdir: webDist,
      bundle: true,
      minify: true,
      format: 'esm',
      // Cheap Android phones run Chrome-based browsers of the last few years: ES2020 covers them.
      target: ['es2020'],
      sourcemap: false,
      legalComments: 'none',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'error',
    });
  }
  return webDist;
}
