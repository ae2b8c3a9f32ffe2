import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { injectFault, intercept, recordCalls, type FaultKind } from '../support/sdk.ts';
import { moneyCommandNames, moneyCommands } from '../support/money-commands.ts';
import { freshStation, type Day } from '../support/station-day.ts';
import { tableSnapshot } from '../support/table.ts';

/**
 * docs/quality.md "Injected faults": DynamoDB faults (throttling, transaction
 * conflict, timeout, and a response lost after commit) at every step of every
 * money command: nothing half-done, and a retry with the same key completes,
 * once.
 */
const api = useApi();
let day: Day;
let villager: string;
beforeAll(async () => {
  day = await freshStation(api);
  villager = await day.villager('王秀英');
  commands = moneyCommands(api, day, villager);
});
afterEach(() => intercept(undefined));

let commands: ReturnType<typeof moneyCommands>;

const kinds: FaultKind[] = ['throttling', 'transaction-conflict', 'timeout', 'lost-response'];

describe.each(moneyCommandNames)('%s', (name) => {
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
        const again = await send(key);
        expect(again.body).toEqual(retried.body);
        expect(await tableSnapshot()).toBe(afterRetry);

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
