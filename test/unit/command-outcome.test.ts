import { describe, expect, test } from 'vitest';
import type { Write } from '#store/command.ts';
import { servedFact } from '#store/facts.ts';
import { classifyFailure, isRetryable } from '#store/outcome.ts';

const cancelled = (...codes: string[]) =>
  Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });
const write = (replanOnConditionFailed = false): Write => ({ item: { ConditionCheck: undefined }, replanOnConditionFailed });
const writes = [write(), write(true), write()];
const learning = (villagerId: string): Write => ({ item: { ConditionCheck: undefined }, learnsOnConditionFailed: servedFact('st_1', '2026-12', villagerId) });

describe('what a failed attempt means', () => {
  test('a write of the command whose condition on the request failed: refused, naming the write', () => {
    expect(classifyFailure(cancelled('None', 'None', 'ConditionalCheckFailed', 'None'), writes)).toEqual({ kind: 'refused', write: 2 });
  });
  test('the idempotency record (after the writes) already taken by a twin: retry, and the retry replays it', () => {
    expect(classifyFailure(cancelled('None', 'None', 'None', 'ConditionalCheckFailed'), writes)).toEqual({ kind: 'retry' });
  });
  test('a fact read while planning changed: retry, which plans again', () => {
    expect(classifyFailure(cancelled('None', 'ConditionalCheckFailed', 'None', 'None'), writes)).toEqual({ kind: 'retry' });
  });
  test('only conditions about facts not read failed: learn them all, and plan again from the same reads', () => {
    const ws = [write(), learning('a'), learning('b')];
    expect(classifyFailure(cancelled('None', 'ConditionalCheckFailed', 'ConditionalCheckFailed', 'None'), ws)).toEqual({
      kind: 'learn',
      facts: [servedFact('st_1', '2026-12', 'a'), servedFact('st_1', '2026-12', 'b')],
    });
    expect(classifyFailure(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None', 'None'), ws)).toEqual({ kind: 'refused', write: 0 });
  });
  test('a conflicting transaction wins over any failed condition: retry', () => {
    expect(classifyFailure(cancelled('ConditionalCheckFailed', 'TransactionConflict', 'None', 'None'), writes)).toEqual({ kind: 'retry' });
  });
  test('cancelled for another reason (a validation error): fatal', () => {
    expect(classifyFailure(cancelled('ValidationError', 'None', 'None', 'None'), writes)).toEqual({ kind: 'fatal' });
  });
  test('throttled, a timeout, a reset connection, a 5xx: retry; anything else: fatal', () => {
    for (const e of [
      { name: 'ThrottlingException' },
      { name: 'TimeoutError' },
      { code: 'ECONNRESET' },
      { $metadata: { httpStatusCode: 503 } },
      { $retryable: {} },
    ]) {
      expect(isRetryable(e)).toBe(true);
      expect(classifyFailure(Object.assign(new Error('x'), e), writes)).toEqual({ kind: 'retry' });
    }
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'ValidationException' }), writes)).toEqual({ kind: 'fatal' });
    expect(classifyFailure(new TypeError('bug'), writes)).toEqual({ kind: 'fatal' });
  });
});
