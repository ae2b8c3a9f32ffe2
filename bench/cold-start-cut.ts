/**
 * `npx tsx bench/cold-start-cut.ts`: what leaving the message catalogue out of
 * the bundles (shared/i18n/messages.ts) does to their import, measured side by
 * side in one run: each data function's bundle as shipped, and the same source
 * built as before the cut (the catalogue in the code, Chinese as UTF-8), with
 * the same-client floor, imported in fresh processes, rounds interleaved.
 * Writes bench/cold-start-cut.json, which the Cold start section of the README
 * shows (bench/report.ts). BENCH_ROUNDS (31).
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { contextNames, type ContextName } from '#functions/registry.ts';
import { sideModules } from '#infra/station-stack.ts';
import { floorBundle, functionsAlias, functionsEsbuildOptions, type Bundle } from './bundles.ts';
import { importOnce, median } from './cold-start.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 31);
const dir = mkdtempSync(join(tmpdir(), 'bench-cut-'));

function build(name: ContextName, entry: string, before: boolean): Bundle {
  const outfile = join(dir, `${name}-${before ? 'before' : 'after'}.mjs`);
  const { define: _define, ...options } = functionsEsbuildOptions();
  buildSync({
    ...options,
    ...(before ? { charset: 'utf8' as const } : { define: functionsEsbuildOptions().define! }),
    entryPoints: [resolve(entry)],
    outfile,
    alias: functionsAlias(),
    external: sideModules[name] ?? [],
  });
  return { name, file: outfile, bytes: statSync(outfile).size };
}

const data = contextNames.filter((fn) => fn !== 'platform');
const same = floorBundle('bench/floor-same.ts', 'the same client', true);
const pairs = data.map((fn) => ({ fn, before: build(fn, `functions/${fn}/index.ts`, true), after: build(fn, `functions/${fn}/index.ts`, false) }));
const all = [same, ...pairs.flatMap((p) => [p.before, p.after])];
const cpu = new Map(all.map((b) => [b.file, [] as number[]]));
const wall = new Map(all.map((b) => [b.file, [] as number[]]));
const loadAtStart = loadavg()[0]!;
console.log(`${all.length} bundles, ${rounds} fresh processes each, interleaved…`);
for (const b of all) importOnce(b.file);
for (let i = 0; i < rounds; i++)
  for (const b of all) {
    const [w, c] = importOnce(b.file);
    wall.get(b.file)!.push(w);
    cpu.get(b.file)!.push(c);
  }
const r2 = (x: number) => Math.round(x * 100) / 100;
const sameCpu = median(cpu.get(same.file)!);
const sameWall = median(wall.get(same.file)!);
const figures = (b: Bundle) => ({
  bytes: b.bytes,
  medianCpuMs: r2(median(cpu.get(b.file)!)),
  medianMs: r2(median(wall.get(b.file)!)),
  cpuRatio: r2(median(cpu.get(b.file)!) / sameCpu),
  ratio: r2(median(wall.get(b.file)!) / sameWall),
});
const result = {
  measuredAt: new Date().toISOString(),
  rounds,
  loadAverage: { atStart: r2(loadAtStart), atEnd: r2(loadavg()[0]!) },
  same: figures(same),
  functions: pairs.map((p) => ({ name: p.fn, before: figures(p.before), after: figures(p.after) })),
};
writeFileSync('bench/cold-start-cut.json', `${JSON.stringify(result, null, 2)}\n`);
console.table(
  result.functions.map((f) => ({
    name: f.name,
    ...Object.fromEntries(
      ['bytes', 'cpuRatio', 'ratio'].flatMap((k) => [
        [`before ${k}`, (f.before as any)[k]],
        [`after ${k}`, (f.after as any)[k]],
      ]),
    ),
  })),
);
