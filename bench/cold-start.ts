import { execFileSync } from 'node:child_process';
import type { Bundle } from './bundles.ts';

// Wall time of the import, and the CPU time it used (less sensitive to a busy machine).
const probe = `const c = process.cpuUsage(); const t = performance.now(); await import(process.argv[1]);
const wall = performance.now() - t; const cpu = process.cpuUsage(c); process.stdout.write(JSON.stringify([wall, (cpu.user + cpu.system) / 1000]));`;

/** One import of a bundle in a fresh Node process: module load and init, as in a Lambda cold start. */
export function importOnce(file: string): [number, number] {
  try {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, file], {
      env: { ...process.env, TABLE_NAME: 'bench-table', AWS_REGION: 'cn-north-1', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(out.toString()) as [number, number];
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    throw new Error(`importing ${file} failed: ${stderr.slice(-500)}`, { cause: error });
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

export interface ColdStart {
  name: string;
  bytes: number;
  medianMs: number;
  medianCpuMs: number;
  ratio: number;
  cpuRatio: number;
}

/** Interleaved rounds (the floor, then each function, every round) so machine noise hits all alike. */
export function measureColdStarts(floor: Bundle, bundles: Bundle[], rounds: number): { floor: ColdStart; functions: ColdStart[] } {
  const all = [floor, ...bundles];
  const wall = new Map(all.map((b) => [b.file, [] as number[]]));
  const cpu = new Map(all.map((b) => [b.file, [] as number[]]));
  for (const b of all) importOnce(b.file); // warm the file cache
  for (let i = 0; i < rounds; i++) {
    for (const b of all) {
      const [w, c] = importOnce(b.file);
      wall.get(b.file)!.push(w);
      cpu.get(b.file)!.push(c);
    }
  }
  const floorWall = median(wall.get(floor.file)!);
  const floorCpu = median(cpu.get(floor.file)!);
  const result = (b: Bundle): ColdStart => {
    const w = median(wall.get(b.file)!);
    const c = median(cpu.get(b.file)!);
    return { name: b.name, bytes: b.bytes, medianMs: round1(w), medianCpuMs: round1(c), ratio: round2(w / floorWall), cpuRatio: round2(c / floorCpu) };
  };
  return { floor: result(floor), functions: bundles.map(result) };
}
