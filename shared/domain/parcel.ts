import { ConflictError, RuleError, fieldError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import type { CodeMatcher, IssuedCode } from './codes.ts';
import { makeEntry, movements, type Entry } from './ledger.ts';
import { newMessage, shortText, type Message } from './message.ts';
import { maxWrongCodes } from './order.ts';
import type { StatementDelta } from './statement.ts';
import { addDays } from './time.ts';
import type { DeliveryPreference } from './villager.ts';

/**
 * Parcels for the whole village (代收, docs/rules.md "Parcels"): what couriers
 * leave at the station for villagers who bought elsewhere. Scanned in, kept on
 * a shelf under a six-digit pickup code (only its hash is kept), handed over
 * by that code or by the last four digits of the phone and the name on the
 * waybill, or sent back to the courier after the station's keeping days.
 *
 * AT_STATION → PICKED_UP | RETURNED; neither is ever left again.
 */
export const parcelStatuses = ['AT_STATION', 'PICKED_UP', 'RETURNED'] as const;
export type ParcelStatus = (typeof parcelStatuses)[number];

/** How a parcel was released: by its code, or by the phone's last digits and the name (the risk view counts those). */
export const releaseKinds = ['CODE', 'PHONE_DIGITS'] as const;
export type ReleaseKind = (typeof releaseKinds)[number];

/** Where a parcel is handed over: at the counter, or at the door on a delivery run (docs/rules.md "Parcels", At the door). */
export type HandOverPlace = 'COUNTER' | 'DOOR';

/** Days a station keeps a parcel when it says nothing else. */
export const defaultParcelKeepDays = 7;
/** The reminder goes out on this day of keeping (the parcel's second full day behind it). */
export const reminderDay = 3;
/** What a courier pays the station per parcel handed over, unless ops set its own fee. */
export const defaultParcelFeeFen = 30;
/** At most this many parcels are handed over together. */
export const maxParcelsTogether = 20;

export interface Courier {
  code: string;
  name: string;
  parcelFeeFen: number;
  updatedAt: string;
}

/** A courier as ops keep it: its fee per parcel handed over (30 fen when not given). */
export function keepCourier(code: string, input: { name: string; parcelFeeFen?: number | undefined }, now: Date): Courier {
  return { code, name: input.name.trim(), parcelFeeFen: input.parcelFeeFen ?? defaultParcelFeeFen, updatedAt: now.toISOString() };
}

export interface Parcel {
  parcelId: string;
  stationId: string;
  waybillNo: string;
  courier: string;
  /** As printed on the waybill; masked when the villager it belongs to is erased. */
  recipientPhone: string;
  recipientName?: string;
  /** The registered villager with that phone at the station, if any. */
  villagerId?: string;
  /** `HOME`: the villager asked for their parcels at home (their consent, docs/rules.md "Parcels"); absent: kept at the station. */
  delivery?: DeliveryPreference;
  /** The delivery run it is planned on, while it is (a failed delivery brings it back to the shelf). */
  runId?: string;
  shelf: string;
  status: ParcelStatus;
  pickupCodeHash: string;
  wrongCodeAttempts: number;
  lockedForOps: boolean;
  /** What the courier pays for it once handed over (its fee when scanned in). */
  feeFen: number;
  keepDays: number;
  /** The SMS with its code: queued, or skipped (nobody to send it to). */
  messageId: string;
  messageStatus: 'QUEUED' | 'SKIPPED';
  scannedAt: string;
  /** The last day it is kept: after it, it is listed to go back to the courier. */
  dueBackAt: string;
  remindedAt?: string;
  pickedUpAt?: string;
  releasedBy?: ReleaseKind;
  /** Where it was handed over: at the station's counter, or at the villager's door on a delivery run. */
  handedOverAt?: HandOverPlace;
  returnedAt?: string;
  returnReason?: string;
  /** Each time ops unlocked it after wrong codes: who, when and why (kept, never overwritten). */
  unlocks?: ParcelUnlock[];
  erased?: boolean;
  version: number;
  updatedAt: string;
}

export interface ParcelUnlock {
  at: string;
  by: string;
  reason: string;
  /** The wrong tries that had locked it. */
  wrongCodeAttempts: number;
}

/** Ops unlock a parcel locked by wrong codes, having checked the recipient, with the reason (kept on the parcel). */
export function unlockParcel(parcel: Parcel, by: string, reason: string, now: Date): Parcel {
  assertOnShelf(parcel);
  if (!parcel.lockedForOps) throw new ConflictError('not-locked', msg('not-locked'));
  const at = now.toISOString();
  const unlock: ParcelUnlock = { at, by, reason: reason.trim(), wrongCodeAttempts: parcel.wrongCodeAttempts };
  return {
    ...parcel,
    lockedForOps: false,
    wrongCodeAttempts: 0,
    unlocks: [...(parcel.unlocks ?? []), unlock],
    version: parcel.version + 1,
    updatedAt: at,
  };
}

/** Waybill numbers as scanners and people type them: capitals, no spaces. */
export const normalWaybill = (waybillNo: string): string => waybillNo.replace(/\s+/g, '').toUpperCase();

const shelves = 'ABCDEFGH';
const tiers = 5;
const perTier = 100;

/**
 * The shelf slot of the station's n-th parcel (from 0): `A-3-021` is shelf A,
 * tier 3, number 21. Slots go round: by the time one comes back its parcel is
 * long gone (8 shelves × 5 tiers × 100 = 4,000 parcels, over two weeks at the
 * busiest station).
 */
export function shelfSlot(n: number): string {
  const i = n % (shelves.length * tiers * perTier);
  const shelf = shelves[Math.floor(i / (tiers * perTier))]!;
  const tier = (Math.floor(i / perTier) % tiers) + 1;
  const number = (i % perTier) + 1;
  return `${shelf}-${tier}-${String(number).padStart(3, '0')}`;
}

export interface ScanInput {
  parcelId: string;
  stationId: string;
  stationName: string;
  waybillNo: string;
  courier: string;
  recipientPhone: string;
  recipientName?: string | undefined;
  villagerId?: string | undefined;
  /** The villager's delivery preference as the phone's guard holds it. */
  delivery?: DeliveryPreference | undefined;
  /** How many parcels the station has scanned before this one. */
  seq: number;
  keepDays: number;
  feeFen: number;
  code: IssuedCode;
  messageId: string;
  now: Date;
}

/**
 * A new parcel on the shelf, and its SMS: to the registered villager (whose
 * own wishes decide whether it goes) or, for a phone nobody registered, to
 * that phone alone (the sender reads it from the parcel).
 */
export function scanIn(input: ScanInput): { parcel: Parcel; message: Message; statement: StatementDelta } {
  const at = input.now.toISOString();
  const shelf = shelfSlot(input.seq);
  const message = newMessage({
    messageId: input.messageId,
    stationId: input.stationId,
    villager: { villagerId: input.villagerId ?? recipientIdOf(input.parcelId), notRead: true },
    template: 'PARCEL_ARRIVED',
    params: { station: shortText(input.stationName), shelf, code: input.code.code },
    subject: { kind: 'parcel', id: input.parcelId },
    now: input.now,
  });
  const parcel: Parcel = {
    parcelId: input.parcelId,
    stationId: input.stationId,
    waybillNo: normalWaybill(input.waybillNo),
    courier: input.courier,
    recipientPhone: input.recipientPhone,
    ...(input.recipientName ? { recipientName: input.recipientName.trim() } : {}),
    ...(input.villagerId ? { villagerId: input.villagerId } : {}),
    ...(input.villagerId && input.delivery === 'HOME' ? { delivery: 'HOME' as const } : {}),
    shelf,
    status: 'AT_STATION',
    pickupCodeHash: input.code.hash,
    wrongCodeAttempts: 0,
    lockedForOps: false,
    feeFen: input.feeFen,
    keepDays: input.keepDays,
    messageId: input.messageId,
    messageStatus: message.status === 'SKIPPED' ? 'SKIPPED' : 'QUEUED',
    scannedAt: at,
    dueBackAt: addDays(input.now, input.keepDays).toISOString(),
    version: 1,
    updatedAt: at,
  };
  return { parcel, message, statement: { parcelsReceived: 1 } };
}

/**
 * Who a message about a parcel is for when no villager has the phone: a
 * stand-in id made of the parcel's, which names no villager (the sender reads
 * the phone from the parcel).
 */
export const recipientIdOf = (parcelId: string): string => `vl_${parcelId.slice(4)}`;

/** The same waybill scanned again: the same parcel, unless another station has it. */
export function assertSameStation(parcel: Parcel, stationId: string): void {
  if (parcel.stationId !== stationId) throw new ConflictError('parcel-elsewhere', msg('parcel-elsewhere', { waybillNo: parcel.waybillNo }));
}

export type ParcelProof = { pickupCode: string } | { phoneLast4: string; recipientName: string };

export type ParcelCheck = { ok: true; releasedBy: ReleaseKind } | { ok: false; parcel: Parcel; error: RuleError };

const sameName = (a: string | undefined, b: string): boolean => a !== undefined && a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** Whether a parcel may go: still on the shelf, not locked, and the code (or the phone's last digits and the name) right. */
export function checkParcelProof(parcel: Parcel, proof: ParcelProof, matches: CodeMatcher, now: Date, at: HandOverPlace = 'COUNTER'): ParcelCheck {
  assertOnShelf(parcel, at);
  if (parcel.lockedForOps) throw new ConflictError('parcel-locked', msg('parcel-locked', { max: maxWrongCodes }));
  const right =
    'pickupCode' in proof
      ? matches(parcel.pickupCodeHash, proof.pickupCode)
      : !parcel.erased && parcel.recipientPhone.endsWith(proof.phoneLast4) && sameName(parcel.recipientName, proof.recipientName);
  if (right) return { ok: true, releasedBy: 'pickupCode' in proof ? 'CODE' : 'PHONE_DIGITS' };
  const attempts = parcel.wrongCodeAttempts + 1;
  const locked = attempts >= maxWrongCodes;
  const path = 'pickupCode' in proof ? 'body.pickupCode' : 'body.phoneLast4';
  return {
    ok: false,
    parcel: { ...parcel, wrongCodeAttempts: attempts, lockedForOps: locked, version: parcel.version + 1, updatedAt: now.toISOString() },
    error: new RuleError(
      locked ? 'parcel-locked' : 'wrong-pickup-code',
      locked ? msg('parcel-locked.now', { max: maxWrongCodes }) : msg('wrong-pickup-code', { left: maxWrongCodes - attempts }),
      [fieldError(path, 'field.wrongPickupCode')],
    ),
  };
}

/** Parcels handed over together must be the same recipient's, at the same station. */
export function assertTogether(first: Parcel, others: readonly Parcel[]): void {
  others.forEach((p, i) => {
    if (p.stationId !== first.stationId || p.recipientPhone !== first.recipientPhone) {
      throw new RuleError('parcels-not-together', msg('parcels-not-together'), [fieldError(`body.alsoParcelIds.${i}`, 'field.otherRecipient')]);
    }
    assertOnShelf(p);
  });
}

/**
 * Still on the shelf (or on a run, not yet handed over). Handed over already, the
 * refusal says where: one picked up at the counter while on a run is not delivered
 * at the door, one delivered at the door is not picked up at the counter.
 */
export function assertOnShelf(parcel: Parcel, at?: HandOverPlace): void {
  if (parcel.status === 'AT_STATION') return;
  if (parcel.status === 'PICKED_UP' && at === 'DOOR' && parcel.handedOverAt !== 'DOOR') {
    throw new ConflictError('parcel-gone', msg('parcel-gone.atCounter'));
  }
  if (parcel.status === 'PICKED_UP' && at === 'COUNTER' && parcel.handedOverAt === 'DOOR') {
    throw new ConflictError('parcel-gone', msg('parcel-gone.atDoor'));
  }
  throw new ConflictError('parcel-gone', msg('parcel-gone', { status: parcel.status }));
}

/** Handed over: the courier's fee earned by the station, once (the entry's id is made of the parcel's). */
export function handOverParcel(
  parcel: Parcel,
  releasedBy: ReleaseKind,
  entryId: string,
  now: Date,
  where: HandOverPlace = 'COUNTER',
): { parcel: Parcel; entry?: Entry; statement: StatementDelta } {
  assertOnShelf(parcel, where);
  const at = now.toISOString();
  const done: Parcel = {
    ...parcel,
    status: 'PICKED_UP',
    pickedUpAt: at,
    releasedBy,
    handedOverAt: where,
    version: parcel.version + 1,
    updatedAt: at,
  };
  const entry = makeEntry({ stationId: parcel.stationId, kind: 'PARCEL_FEE', parcelId: parcel.parcelId, at: now }, movements.commissionEarned(parcel.feeFen));
  if (entry) entry.entryId = entryId;
  return { parcel: done, ...(entry ? { entry } : {}), statement: { parcelsHandedOver: 1, parcelFeesFen: parcel.feeFen } };
}

/** Back to the courier, with the reason (kept too long, refused, damaged…). */
export function returnParcel(parcel: Parcel, reason: string, now: Date): { parcel: Parcel; statement: StatementDelta } {
  assertOnShelf(parcel);
  const at = now.toISOString();
  return {
    parcel: { ...parcel, status: 'RETURNED', returnedAt: at, returnReason: reason, version: parcel.version + 1, updatedAt: at },
    statement: { parcelsReturned: 1 },
  };
}

/** When the reminder is due: the start of the keeping's third day. */
export const reminderAt = (scannedAt: string): string => addDays(new Date(scannedAt), reminderDay - 1).toISOString();

/** The reminder, for a parcel still on the shelf (none once it has gone, or for a parcel reminded already). */
export function reminderOf(parcel: Parcel, stationName: string, messageId: string, now: Date): { parcel: Parcel; message: Message } | undefined {
  if (parcel.status !== 'AT_STATION' || parcel.remindedAt || parcel.erased) return undefined;
  const at = now.toISOString();
  const message = newMessage({
    messageId,
    stationId: parcel.stationId,
    villager: { villagerId: parcel.villagerId ?? recipientIdOf(parcel.parcelId), notRead: true },
    template: 'PARCEL_REMINDER',
    params: { station: shortText(stationName), shelf: parcel.shelf, days: String(parcel.keepDays) },
    subject: { kind: 'parcel', id: parcel.parcelId },
    now,
  });
  return { parcel: { ...parcel, remindedAt: at, version: parcel.version + 1, updatedAt: at }, message };
}

/** Kept past its last day: listed to go back to the courier. */
export const dueBack = (parcel: Parcel, now: Date): boolean => parcel.status === 'AT_STATION' && Date.parse(parcel.dueBackAt) <= now.getTime();

const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/** What erasing the villager leaves of a parcel: the number masked, the name gone. */
export function erasedParcel(parcel: Parcel): Parcel {
  const { recipientName: _n, villagerId: _v, ...rest } = parcel;
  // What ops typed when unlocking it may name the recipient: blanked too.
  const unlocks = parcel.unlocks?.map((u) => ({ ...u, reason: '***' }));
  return { ...rest, recipientPhone: maskPhone(parcel.recipientPhone), ...(unlocks ? { unlocks } : {}), erased: true };
}

/** A parcel as the partner and ops see it: never the code's hash, the number masked. */
export const parcelView = (p: Parcel, now: Date) => ({
  parcelId: p.parcelId,
  stationId: p.stationId,
  waybillNo: p.waybillNo,
  courier: p.courier,
  recipientPhoneMasked: maskPhone(p.recipientPhone),
  phoneLast4: p.erased ? '' : p.recipientPhone.slice(-4),
  ...(p.recipientName ? { recipientName: p.recipientName } : {}),
  ...(p.villagerId ? { villagerId: p.villagerId } : {}),
  delivery: p.delivery ?? 'STATION',
  ...(p.runId ? { runId: p.runId } : {}),
  shelf: p.shelf,
  status: p.status,
  messageStatus: p.messageStatus,
  wrongCodeAttempts: p.wrongCodeAttempts,
  lockedForOps: p.lockedForOps,
  feeFen: p.feeFen,
  scannedAt: p.scannedAt,
  dueBackAt: p.dueBackAt,
  dueBack: dueBack(p, now),
  ...(p.remindedAt ? { remindedAt: p.remindedAt } : {}),
  ...(p.pickedUpAt ? { pickedUpAt: p.pickedUpAt } : {}),
  ...(p.releasedBy ? { releasedBy: p.releasedBy } : {}),
  ...(p.handedOverAt ? { handedOverAt: p.handedOverAt } : {}),
  ...(p.returnedAt ? { returnedAt: p.returnedAt } : {}),
  ...(p.returnReason ? { returnReason: p.returnReason } : {}),
  ...(p.unlocks?.length ? { lastUnlock: p.unlocks.at(-1)! } : {}),
});
export type ParcelView = ReturnType<typeof parcelView>;
