import * as z from 'zod/mini';
import { idPattern, type IdKind } from '#shared/ids.ts';
import { lazy } from './lazy.ts';

// Messages are catalogue keys (shared/i18n/messages.ts), or none: shared/http/parse.ts turns each
// issue into a message in the client's language from its kind and bounds. No zod locale is loaded.

const idSchemas = new Map<IdKind, z.ZodMiniString<string>>();
/** Each kind of id shares one schema (schemas are immutable). */
export const id = (kind: IdKind): z.ZodMiniString<string> => {
  let schema = idSchemas.get(kind);
  if (!schema) {
    schema = z.string().check(z.regex(idPattern(kind), 'field.id'));
    idSchemas.set(kind, schema);
  }
  return schema;
};

/**
 * Characters that are not text a person typed: C0 and C1 controls (NUL, escape,
 * line breaks: every field of the API is one line), and the invisible marks
 * that reorder what is shown (U+202E shows `SLIP‮1-7` as `SLIP7-1`), or hide
 * (a byte-order mark, line and paragraph separators).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const notText = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

/**
 * Bytes that were not UTF-8 arrive as U+FFFD (the body is decoded before any
 * schema runs) or as lone surrogates (`\ud800` escaped in JSON): either way the
 * name the partner typed is not there to keep.
 */
export const notUtf8 = (s: string): boolean => s.includes('\ufffd') || !s.isWellFormed();

const textSchemas = new Map<number, z.ZodMiniString<string>>();
/** Trimmed, not empty, at most `max` characters, and text only: no control or direction characters, nothing that was not UTF-8. */
export const text = (max: number): z.ZodMiniString<string> => {
  let schema = textSchemas.get(max);
  if (!schema) {
    schema = z.string().check(
      z.trim(),
      z.minLength(1, 'field.empty'),
      z.maxLength(max, 'field.tooLong'),
      z.refine((s) => !notUtf8(s), 'field.notUtf8'),
      z.refine((s) => !notText.test(s), 'field.controlChars'),
    );
    textSchemas.set(max, schema);
  }
  return schema;
};

/** Money: whole fen (1 yuan = 100 fen), never a float. The ceiling stops overflow games. */
export const fen = lazy(() => z.int().check(z.gte(0, 'field.amountNegative'), z.lte(100_000_000_00, 'field.amountTooLarge')));
export const positiveFen = lazy(() => z.int().check(z.gte(1, 'field.amountPositive'), z.lte(100_000_000_00, 'field.amountTooLarge')));

export const location = lazy(() =>
  z.strictObject({
    lat: z.number().check(z.gte(-90), z.lte(90)),
    lon: z.number().check(z.gte(-180), z.lte(180)),
  }),
);

export const isoDate = lazy(() =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date'),
    // Round-tripped, because Date.parse takes 2026-02-30 for 2 March.
    z.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'field.realDate'),
  ),
);
/** The window a date the system acts on (a task, a run, an installation) must fall in: from 2020 to a year after today in China. */
export const dateWindow = (now = new Date()): { from: string; to: string } => ({
  from: '2020-01-01',
  to: new Date(now.getTime() + 8 * 3600_000 + 366 * 86_400_000).toISOString().slice(0, 10),
});

/** A day to do something on: a real date, not before 2020 and at most a year ahead (1970-01-01 is a client's mistake, not a plan). */
export const actionDate = lazy(() =>
  isoDate().check(
    z.check((ctx) => {
      const { from, to } = dateWindow();
      if (ctx.value < from || ctx.value > to) ctx.issues.push({ code: 'custom', message: 'field.dateWindow', params: { from, to }, input: ctx.value });
    }),
  ),
);

export const yearMonth = lazy(() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'field.month')));
export const timestamp = lazy(() => z.string());

export const basisPoints = lazy(() => z.int().check(z.gte(0, 'field.basisPoints'), z.lte(10_000, 'field.basisPoints')));

/** Query strings arrive as text: a page size from 1 to 100. */
export const limitParam = lazy(() =>
  z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, 'field.limit')),
      z.pipe(z.transform(Number), z.int().check(z.gte(1, 'field.limit'), z.lte(100, 'field.limit'))),
    ),
  ),
);
export const cursorParam = lazy(() => z.optional(z.string().check(z.minLength(1), z.maxLength(2048))));

export const page = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item), next: z.optional(z.string()) });

export const phone = lazy(() => z.string().check(z.regex(/^1[3-9]\d{9}$/, 'field.phone')));

export const stationParams = lazy(() => z.strictObject({ stationId: id('station') }));

/** A product's SKU: capitals, digits and hyphens. */
export const Sku = lazy(() => z.string().check(z.regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'field.sku')));

/** A six-digit code the villager holds (shared/codes.ts). */
/** A tab confirmation's id carries its villager's (shared/domain/tab.ts `confirmationIdFor`); its code is six digits. */
export const ConfirmationId = lazy(() => z.string().check(z.regex(/^tc_[0-9A-HJKMNP-TV-Z]{26}_[0-9A-HJKMNP-TV-Z]{26}$/, 'field.id')));
export const ConfirmationCode = lazy(() => z.string().check(z.regex(/^\d{6}$/, 'field.tabCode')));
export const DeliveryCode = lazy(() => z.string().check(z.regex(/^\d{6}$/, 'field.deliveryCode')));
