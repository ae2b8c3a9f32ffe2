import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { contextTags, routeTable } from '#functions/registry.ts';
import { openApiDocument } from '#http/openapi.ts';
import { routeKey } from '#http/route.ts';
import { useApi } from '../support/api.ts';

/**
 * The OpenAPI document, as GET /v1/openapi.json serves it, linted clean by
 * Spectral (spectral:oas, down to hints) and Redocly (recommended, no warning).
 * Both run from node_modules with their built-in rulesets, offline.
 */
const run = promisify(execFile);
const require = createRequire(import.meta.url);
const cli = (pkg: string, name: string) => {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin[name]!;
  return join(dirname(manifest), bin);
};
const offline = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

const api = useApi();

test('the served document is the generated one', async () => {
  const served = await api.call('GET', '/v1/openapi.json');
  expect(served.status).toBe(200);
  expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocument(routeTable, contextTags))));
});

test('every route documents every status it can give: 5xx for faults and a dependency down or slow, 415 for a body that is not JSON, 429 when throttled', () => {
  const doc = openApiDocument(routeTable, contextTags) as {
    paths: Record<string, Record<string, { responses: Record<string, unknown>; tags: string[]; description: string }>>;
  };
  for (const spec of routeTable) {
    const op = doc.paths[spec.path]![spec.method.toLowerCase()]!;
    const statuses = Object.keys(op.responses);
    expect(statuses, routeKey(spec)).toEqual(expect.arrayContaining(['429', '500']));
    if (spec.fn !== 'platform') expect(statuses, routeKey(spec)).toContain('503');
    if (spec.fn !== 'platform' && spec.operationId !== 'ready') expect(statuses, routeKey(spec)).toContain('504');
    if (spec.body) expect(statuses, routeKey(spec)).toEqual(expect.arrayContaining(['400', '413', '415']));
    if (spec.access !== 'public') expect(statuses, routeKey(spec)).toEqual(expect.arrayContaining(['401', '403']));
    expect(op.tags, routeKey(spec)).toEqual([spec.fn]);
    expect(op.description.length, routeKey(spec)).toBeGreaterThan(spec.summary.length);
  }
  expect(Object.keys(doc.paths['/v1/products/{sku}']!.put!.responses)).toEqual(expect.arrayContaining(['200', '201']));
});

test('Spectral (spectral:oas) and Redocly (recommended) find nothing, not even a hint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(openApiDocument(routeTable, contextTags), null, 2));
  writeFileSync(join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');

  const results = join(dir, 'spectral.json');
  await run(
    process.execPath,
    [
      cli('@stoplight/spectral-cli', 'spectral'),
      'lint',
      file,
      '--ruleset',
      join(dir, '.spectral.yaml'),
      '--fail-severity',
      'hint',
      '--format',
      'json',
      '--output',
      results,
    ],
    { cwd: dir, env: offline },
  ).catch(() => undefined);
  expect(JSON.parse(readFileSync(results, 'utf8'))).toEqual([]);

  const redocly = await run(process.execPath, [cli('@redocly/cli', 'redocly'), 'lint', '--extends', 'recommended', '--format', 'json', file], {
    cwd: dir,
    env: offline,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
  const report = JSON.parse(redocly.stdout.slice(redocly.stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: unknown[] };
  expect(report.problems).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
}, 120_000);
