import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { freePort } from '#scripts/local/ports.ts';

/**
 * `npm start` stopped as a person stops it (Ctrl-C in the terminal: SIGINT to the
 * whole process group, Java included; or SIGTERM from a supervisor) just after
 * a write, or while one is in flight: the write is answered and still there
 * after a restart. DynamoDB Local can lose the last write it acknowledged when
 * it is killed within milliseconds; a normal stop must never do that.
 */
const station = 'st_7D3M0000000000000000000001';
const village = 'vg_7D3M0000000000000000000011';
const children: ChildProcess[] = [];

afterEach(async () => {
  // A test that failed half-way: stop what it started (npm start stops its Java).
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || !child.pid) continue;
    const gone = new Promise((r) => child.once('exit', r));
    process.kill(child.pid, 'SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 30_000))]);
  }
});

/** `npm start`'s own command (package.json), with another script in place of scripts/start.ts if asked. */
function startCommand(script = 'scripts/start.ts') {
  const words = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ');
  const [runner, ...rest] = words;
  const args = rest.map((word) => (word === 'scripts/start.ts' ? script : word));
  // Were it the tsx CLI again (as it was), the test below would run it and fail.
  if (runner === 'tsx') return ['node_modules/tsx/dist/cli.mjs', ...args];
  expect(runner, 'npm start runs node itself').toBe('node');
  return args;
}

/**
 * A runner that keeps the script in a child process of its own (the tsx CLI)
 * gives that child 60 ms to say it heard a SIGTERM, then SIGKILLs it and exits
 * 143: on a loaded machine a normal stop became a kill, DynamoDB Local was left
 * running, and the last writes were at risk.
 */
test('a stop that reaches npm start while it is busy is still its own orderly stop', async () => {
  const child = spawn(process.execPath, startCommand('test/fixtures/processes/busy-when-stopped.ts'), { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  process.kill(child.pid!, 'SIGTERM');
  expect(await exited).toBe(0);
});

async function start(env: Record<string, string>) {
  // Its own process group, as a terminal gives it: Ctrl-C reaches every process in it.
  const child = spawn(process.execPath, startCommand(), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Village station is running locally.')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, exited, output: () => output };
}

async function tokenAt(base: string) {
  const res = await fetch(`${base}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'partner', stationId: station, sub: 'stopper' }),
  });
  return ((await res.json()) as { token: string }).token;
}

const register = (base: string, token: string, name: string) =>
  fetch(`${base}/v1/stations/${station}/villagers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ name, villageId: village, consent: true }),
  });

const stops = [
  ['SIGTERM to npm start, just after the write was answered', 'after'],
  ['Ctrl-C (SIGINT to the process group, Java included), just after the write was answered', 'after-group'],
  ['Ctrl-C while the write is in flight', 'in-flight-group'],
] as const;

test(`stopped in each way (${stops.map(([what]) => what).join('; ')}): the write is answered and still there after a restart`, async () => {
  const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'stop-')), PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()), LOG_LEVEL: 'silent' };
  const base = `http://127.0.0.1:${env.PORT}`;
  let running = await start(env);
  // One token for every run: the data folder keeps its signing secret.
  const token = await tokenAt(base);
  const written: { how: string; villagerId: string; name: string }[] = [];
  for (const [, how] of stops) {
    const name = `停${how.replaceAll('-', '')}`;
    const signal = how === 'after' ? 'SIGTERM' : 'SIGINT';
    const target = how === 'after' ? running.child.pid! : -running.child.pid!;
    let answer: Response;
    if (how === 'in-flight-group') {
      const pending = register(base, token, name);
      await new Promise((r) => setTimeout(r, 5));
      process.kill(target, signal);
      answer = await pending;
    } else {
      answer = await register(base, token, name);
      process.kill(target, signal);
    }
    expect(answer.status, how).toBe(201);
    written.push({ how, name, villagerId: ((await answer.json()) as { villagerId: string }).villagerId });
    const stopAt = Date.now();
    expect(await running.exited, running.output()).toBe(0);
    if (process.env.SHOW_TIMINGS) console.log(`${how}: stopped in ${Date.now() - stopAt} ms`);

    running = await start(env);
    for (const { how: when, villagerId, name: expected } of written) {
      const read = await fetch(`${base}/v1/stations/${station}/villagers/${villagerId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(read.status, when).toBe(200);
      expect(await read.json(), when).toMatchObject({ name: expected });
    }
  }
  process.kill(running.child.pid!, 'SIGTERM');
  expect(await running.exited).toBe(0);
}, 300_000);
