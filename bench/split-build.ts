/**
 * `npx tsx bench/split-build.ts <fn> <outdir>`: a function's entry built with
 * the functions' esbuild settings, ESM with code splitting (what each
 * `await import()` reaches becomes a chunk of its own, loaded on first call),
 * into <outdir>/index.mjs and its chunks. For trying a way of loading route code
 * lazily (bench/README.md, Cold start); the CDK app does not build this way.
 */
import { resolve, join } from 'node:path';
import { buildSync } from 'esbuild';
import { functionsAlias, functionsEsbuildOptions } from './bundles.ts';
const [fn, outdir] = process.argv.slice(2) as [string, string];
buildSync({
  ...functionsEsbuildOptions(),
  entryPoints: { index: resolve(`functions/${fn}/index.ts`) },
  outdir,
  splitting: true,
  outExtension: { '.js': '.mjs' },
  alias: functionsAlias(),
});
console.log(join(outdir, 'index.mjs'));
