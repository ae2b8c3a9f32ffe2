import { contextNames as functionNames, type ContextName as FunctionName } from '#functions/registry.ts';

/**
 * Reserved concurrency: a floor and a ceiling for a function, so one context
 * cannot take the account's whole concurrency from the others. Delivery planning
 * is the CPU-heavy one (up to a second at 200 stops), so in prod it is capped
 * by default. Kept modest and configurable: an account starts with 1,000 (new
 * ones with as few as 10) and Lambda keeps 100 unreserved, so a reservation can
 * fail a deploy; `-c reservedConcurrency='{"delivery":20,"orders":50}'` sets
 * them, `-c reservedConcurrency='{}'` removes them.
 */
export const defaultReservedConcurrency: Record<string, Partial<Record<FunctionName, number>>> = {
  prod: { delivery: 10 },
};

/** At most this many per function from configuration: more is not "modest". */
export const maxReservedConcurrency = 200;

export function reservedConcurrency(context: unknown, stage: string): Partial<Record<FunctionName, number>> {
  if (context === undefined) return defaultReservedConcurrency[stage] ?? {};
  const parsed = typeof context === 'string' ? (JSON.parse(context) as unknown) : context;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('reservedConcurrency: give an object, e.g. {"delivery":10}');
  for (const [fn, n] of Object.entries(parsed)) {
    if (!functionNames.includes(fn as FunctionName)) throw new Error(`reservedConcurrency: "${fn}" is not a function (${functionNames.join(', ')})`);
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > maxReservedConcurrency) {
      throw new Error(`reservedConcurrency.${fn}: a whole number from 1 to ${maxReservedConcurrency}`);
    }
  }
  return parsed as Partial<Record<FunctionName, number>>;
}
