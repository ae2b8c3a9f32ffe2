/**
 * `npx tsx bench/cold-start-variants.ts <bundle.mjs>…`: the import of each given
 * bundle (built by bench/split-build.ts, say) against the same-client floor,
 * in fresh processes, rounds interleaved; prints a table row per bundle (median
 * CPU, × same client, median wall, × same client). BENCH_ROUNDS (31).
 */
import { floorBundle } from './bundles.ts';
import { importOnce, median } from './cold-start.ts';
import { loadavg } from 'node:os';
const rounds = Number(process.env.BENCH_ROUNDS ?? 31);
const same = floorBundle('bench/floor-same.ts', 'same', true);
const all = [{ name: 'the same client', file: same.file }, ...process.argv.slice(2).map((f) => ({ name: f.split('/').at(-2)!, file: f }))];
const cpu = new Map(all.map((b) => [b.name, [] as number[]]));
const wall = new Map(all.map((b) => [b.name, [] as number[]]));
const l0 = loadavg()[0]!;
for (const b of all) importOnce(b.file);
for (let i = 0; i < rounds; i++)
  for (const b of all) {
    const [w, c] = importOnce(b.file);
    wall.get(b.name)!.push(w);
    cpu.get(b.name)!.push(c);
  }
const sc = median(cpu.get(all[0]!.name)!),
  sw = median(wall.get(all[0]!.name)!);
console.log(`${rounds} rounds, load ${l0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`);
for (const b of all)
  console.log(
    `| ${b.name} | ${median(cpu.get(b.name)!).toFixed(1)} ms | ${(median(cpu.get(b.name)!) / sc).toFixed(2)} | ${median(wall.get(b.name)!).toFixed(1)} ms | ${(median(wall.get(b.name)!) / sw).toFixed(2)} |`,
  );
