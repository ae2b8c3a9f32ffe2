import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { useApi } from './api.ts';
import { injectFault, intercept, recordCalls, writesDuring, type FaultKind } from './sdk.ts';
import { moneyCommands, type moneyCommandNames } from './money-commands.ts';
import { freshStation } from './station-day.ts';
import { tableSnapshot } from './table.ts';

const kinds: FaultKind[] = ['throttling', 'transaction-conflict', 'timeout', 'lost-response'];

/**
 * docs/quality.md "Injected faults": DynamoDB faults (throttling, transaction
 * conflict, timeout, and a response lost after commit) at every step of each
 * of these money commands: nothing half-done, and a retry with the same key
 * completes, once. Called at the top of a test file; the commands are spread
 * over a few files because each step compares the whole table, which grows
 * with every command sent.
 */
export function faultAtEveryStep(names: readonly (typeof moneyCommandNames)[number][]) {
  const api = useApi();
  let commands: ReturnType<typeof moneyCommands>;
  beforeAll(async () => {
    const day = await freshStation(api);
    commands = moneyCommands(api, day, await day.villager('王秀英'));
  });
  afterEach(() => intercept(undefined));

  describe.each(names)('%s', (name) => {
    test('a fault at each step, of each kind: all or nothing, then the retry completes exactly once', async () => {
      // How many DynamoDB calls the command makes when nothing goes wrong.
      const probe = await commands[name]();
      const { calls } = await recordCalls(() => probe(randomUUID()));
      expect(calls.at(-1)).toBe('TransactWriteItems');

      for (let step = 1; step <= calls.length; step++) {
        for (const kind of kinds) {
          const send = await commands[name]();
          const key = randomUUID();
          const before = await tableSnapshot();
          const fault = injectFault(kind, step);
          const first = await send(key);
          intercept(undefined);
          expect(fault.fired(), `${kind} at step ${step}`).toBe(true);
          const afterFault = await tableSnapshot();

          const retried = await send(key);
          expect(retried.status, `${kind} at step ${step}: ${retried.body?.detail ?? ''}`).toBeLessThan(300);
          const afterRetry = await tableSnapshot();
          // Sent once more: the same answer, and DynamoDB accepted no write meanwhile.
          const again = await writesDuring(() => send(key));
          expect(again.result.body).toEqual(retried.body);
          expect(again.writes, `${kind} at step ${step}: the replay wrote`).toEqual([]);

          // Nothing half-done: after the faulty attempt the table is as before, or exactly as after the full effect.
          expect([before, afterRetry], `${kind} at step ${step}`).toContain(afterFault);
          if (first.status < 300) {
            // The command absorbed the fault itself; the retry only replayed.
            expect(afterFault).toBe(afterRetry);
            expect(retried.body).toEqual(first.body);
          } else {
            expect(first.status, `${kind} at step ${step}`).toBeGreaterThanOrEqual(500);
            expect(first.headers.get('content-type')).toBe('application/problem+json');
          }
        }
      }
    });
  });
}
