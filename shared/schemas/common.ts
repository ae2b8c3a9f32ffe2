import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { idPattern, type IdKind } from '#shared/ids.ts';
import { lazy } from './lazy.ts';

// zod/mini ships no messages (every issue says "Invalid input"); English ones name what was expected.
z.config(en());

const idSchemas = new Map<IdKind, z.ZodMiniString<string>>();
/** Each kind of id shares one schema (schemas are immutable). */
export const id = (kind: IdKind): z.ZodMiniString<string> => {
  let schema = idSchemas.get(kind);
  if (!schema) {
    schema = z.string().check(z.regex(idPattern(kind), `Not a ${kind} id (expected ${idPattern(kind).source.replace(/[\^$]/g, '')}).`));
    idSchemas.set(kind, schema);
  }
  return schema;
};

const textSchemas = new Map<number, z.ZodMiniString<string>>();
/** Trimmed, not empty, at most `max` characters. */
export const text = (max: number): z.ZodMiniString<string> => {
  let schema = textSchemas.get(max);
  if (!schema) {
    schema = z.string().check(z.trim(), z.minLength(1, 'Must not be empty.'), z.maxLength(max, `At most ${max} characters.`));
    textSchemas.set(max, schema);
  }
  return schema;
};

/** Money: whole fen (1 yuan = 100 fen), never a float. The ceiling stops overflow games. */
export const fen = lazy(() => z.int().check(z.gte(0, 'Must be 0 or more fen.'), z.lte(100_000_000_00, 'Too large.')));
export const positiveFen = lazy(() => z.int().check(z.gte(1, 'Must be at least 1 fen.'), z.lte(100_000_000_00, 'Too large.')));

export const location = lazy(() =>
  z.strictObject({
    lat: z.number().check(z.gte(-90), z.lte(90)),
    lon: z.number().check(z.gte(-180), z.lte(180)),
  }),
);

export const isoDate = lazy(() =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.'),
    // Round-tripped, because Date.parse takes 2026-02-30 for 2 March.
    z.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a real date.'),
  ),
);
export const yearMonth = lazy(() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM.')));
export const timestamp = lazy(() => z.string());

export const basisPoints = lazy(() => z.int().check(z.gte(0, 'Must be between 0 and 10000.'), z.lte(10_000, 'Must be between 0 and 10000 (100%).')));

/** Query strings arrive as text: a page size from 1 to 100. */
export const limitParam = lazy(() =>
  z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, 'Use a whole number from 1 to 100.')),
      z.pipe(z.transform(Number), z.int().check(z.gte(1, 'Use a whole number from 1 to 100.'), z.lte(100, 'Use a whole number from 1 to 100.'))),
    ),
  ),
);
export const cursorParam = lazy(() => z.optional(z.string().check(z.minLength(1), z.maxLength(2048))));

export const page = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item), next: z.optional(z.string()) });

export const phone = lazy(() => z.string().check(z.regex(/^1[3-9]\d{9}$/, 'Use an 11-digit mainland mobile number, e.g. 13800138000.')));

export const stationParams = lazy(() => z.strictObject({ stationId: id('station') }));
