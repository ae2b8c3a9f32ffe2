import type { ColdStart } from './cold-start.ts';

export interface Results {
  measuredAt: string;
  node: string;
  machine: string;
  coldStart: { rounds: number; target: number; floor: ColdStart; functions: ColdStart[] };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const verdict = (ok: boolean) => (ok ? 'yes' : '**no**');

export function renderReadme(r: Results): string {
  const cs = r.coldStart;
  return `# Benchmarks

Run with \`npm run bench\` (about a minute). Every figure is a ratio measured
side by side in one run on one machine, so it holds across machines; the
absolute times are this machine's. Raw figures: [results.json](results.json).

Last run: ${r.measuredAt}, Node ${r.node}, ${r.machine}.

## Cold start (SPEC §5: ≤ ${cs.target}× the floor)

Each function's production bundle, exactly as \`cdk synth\` builds it
(esbuild, minified ESM, AWS SDK bundled), imported in a fresh Node process:
the median of ${cs.rounds} processes per bundle, rounds interleaved so that
noise hits every bundle alike. The floor is a bundle holding only the
DynamoDB client, built with the same settings (\`bench/floor.ts\`).

| bundle | bytes | median import (wall) | × floor | median CPU | × floor | within ${cs.target}× |
|---|---:|---:|---:|---:|---:|:---:|
| ${cs.floor.name} | ${kb(cs.floor.bytes)} | ${cs.floor.medianMs} ms | 1.00 | ${cs.floor.medianCpuMs} ms | 1.00 | |
${cs.functions.map((f) => `| ${f.name} | ${kb(f.bytes)} | ${f.medianMs} ms | ${f.ratio.toFixed(2)} | ${f.medianCpuMs} ms | ${f.cpuRatio.toFixed(2)} | ${verdict(f.ratio <= cs.target)} |`).join('\n')}

The verdict uses the wall-time ratio (what SPEC §5 asks); the CPU-time
ratio is shown beside it because it is steadier on a busy machine.
`;
}
