import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { freePort } from '#scripts/local/ports.ts';

/** `npm start` as a person runs it: what it prints when it cannot start. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    // The stand-in bill gateway's port too, so that nothing else on the machine decides which error comes first.
    env: { ...process.env, BILL_GATEWAY_PORT: String(gatewayPort), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

let gatewayPort = 0;
beforeAll(async () => {
  gatewayPort = await freePort();
});

const oneLine = (output: string) => output.split('\n').filter((l) => l.trim() !== '');

test('a port already in use: one line saying what to do', async () => {
  const port = await freePort();
  const blocker = createServer().listen(port, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  try {
    const { status, output } = start({ PORT: String(port), DYNAMODB_PORT: String(await freePort()) });
    expect(status).toBe(1);
    expect(oneLine(output)).toEqual([expect.stringMatching(new RegExp(`^Cannot start: Port ${port} is already in use.*PORT=`))]);
  } finally {
    blocker.close();
  }
});

test('no Java on the machine: one line saying how to install it', async () => {
  // A PATH with this Node but no java.
  const { status, output } = start({ PATH: dirname(process.execPath), PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()) });
  expect(status).toBe(1);
  expect(oneLine(output)).toEqual([expect.stringMatching(/^Cannot start: Java is not installed.*apt-get install/)]);
});

test('a damaged data folder: one line saying how to start fresh, and no Java left running', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'damaged-'));
  writeFileSync(join(dir, 'shared-local-instance.db'), 'this is not a database '.repeat(500));
  const dynamoPort = await freePort();
  const { status, output } = start({ DATA_DIR: dir, PORT: String(await freePort()), DYNAMODB_PORT: String(dynamoPort) });
  expect(status).toBe(1);
  expect(oneLine(output)).toEqual([expect.stringMatching(/^Cannot start: The local data in .* looks damaged.*--fresh/)]);
  const stillThere = spawnSync('pgrep', ['-f', `-port ${dynamoPort}`]).status === 0;
  expect(stillThere).toBe(false);
});

test("the stand-in bill gateway's port already in use: one line saying what to do", async () => {
  const blocker = createServer().listen(gatewayPort, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  try {
    const { status, output } = start({ PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()) });
    expect(status).toBe(1);
    expect(oneLine(output)).toEqual([
      expect.stringMatching(new RegExp(`^Cannot start: Port ${gatewayPort} \\(the stand-in bill gateway\\) is already in use.*BILL_GATEWAY_PORT=`)),
    ]);
  } finally {
    blocker.close();
  }
});
