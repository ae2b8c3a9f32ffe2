import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildSync, type BuildOptions } from 'esbuild';
import { bundling } from '../infra/api-function.ts';
import { createApp } from '../infra/app.ts';

export interface Bundle {
  name: string;
  file: string;
  bytes: number;
  /** Files shipped beside the bundle and imported on first use only (ApiFunction `sideModules`). */
  sideModules?: Bundle[];
}

/** esbuild's API options for what `bundling` (infra/api-function.ts) tells the CDK, less the alias. */
export function functionsEsbuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: bundling.target,
    minify: bundling.minify,
    mainFields: bundling.mainFields,
    define: bundling.define,
    charset: bundling.esbuildArgs['--charset'],
    banner: { js: bundling.banner },
    logLevel: 'error',
  };
}

/** The functions' esbuild alias (infra/api-function.ts), as esbuild's API takes it. */
export function functionsAlias(): Record<string, string> {
  const [name, replacement] = bundling.esbuildArgs['--alias'].split('=') as [string, string];
  return { [name]: resolve(replacement) };
}

/** The production bundles, exactly as `cdk synth` makes them for deployment. */
export function productionBundles(): Bundle[] {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-cdk-'));
  const { app, stack } = createApp(new App({ outdir, context: { stage: 'bench' } }));
  app.synth();
  const template = JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.template.json`), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: { Description?: unknown; Code?: { S3Key?: string } } }>;
  };
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).startsWith('Village station API: '))
    .map((r) => {
      const name = String(r.Properties.Description).replace('Village station API: ', '');
      const hash = r.Properties.Code!.S3Key!.replace(/\.zip$/, '');
      const file = join(outdir, `asset.${hash}`, 'index.mjs');
      const modules = join(outdir, `asset.${hash}`, 'node_modules');
      const sideModules = existsSync(modules)
        ? readdirSync(modules).map((m) => {
            const side = join(modules, m, 'index.mjs');
            return { name: m, file: side, bytes: statSync(side).size };
          })
        : [];
      return { name, file, bytes: statSync(file).size, ...(sideModules.length ? { sideModules } : {}) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The floor, bundled with the very settings of the functions, the SDK's full
 * credential chain included (the functions' alias of it is theirs, not the
 * floor's, unless `withFunctionsAlias`): `bench/floor.ts` for the import,
 * `bench/floor-request.ts` for the cold request, which also replays raw calls.
 */
export function floorBundle(entry = 'bench/floor.ts', name = 'floor (DynamoDB client only)', withFunctionsAlias = false): Bundle {
  const outfile = join(mkdtempSync(join(tmpdir(), 'bench-floor-')), 'index.mjs');
  buildSync({
    ...functionsEsbuildOptions(),
    entryPoints: [resolve(entry)],
    outfile,
    ...(withFunctionsAlias ? { alias: functionsAlias() } : {}),
  });
  return { name, file: outfile, bytes: statSync(outfile).size };
}
