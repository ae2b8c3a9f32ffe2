import { newId } from '#shared/ids.ts';
import { requireVillage, type Station } from './station.ts';

/**
 * A villager, registered with their consent (docs/rules.md "Personal data").
 * Their name, phone and address note live here and nowhere else: orders, carts,
 * tasks and runs refer to them by `villagerId` only (the run sheet reads the
 * name when it is printed), so withdrawing consent erases this item and what
 * indexes it, and leaves the orders an anonymous reference.
 */
export interface Villager {
  villagerId: string;
  stationId: string;
  name: string;
  phone?: string;
  villageId: string;
  addressNote?: string;
  /** Whether the station may text them (docs/rules.md "Messages to phones"): absent means SMS. */
  messages?: MessageChoice;
  /** Where their parcels go (docs/rules.md "Parcels"): absent means the station's shelf, as before any preference was given. */
  deliveryPreference?: PreferenceGiven;
  /** When the villager agreed to have their details kept (PIPL consent). */
  consentAt: string;
  createdAt: string;
  /** Absent on villagers registered before corrections existed (read as 1). */
  updatedAt?: string;
  version?: number;
}

/**
 * Where couriers' parcels for the villager go: kept at the station, or taken
 * home on a delivery run. Couriers may leave a parcel at a station only with
 * the recipient's consent, so the preference keeps when it was given, to whom
 * and how (docs/rules.md "Parcels").
 */
export const deliveryPreferences = ['STATION', 'HOME'] as const;
export type DeliveryPreference = (typeof deliveryPreferences)[number];
/** How the villager told the station: in person at the counter, or by a phone call. */
export const preferenceChannels = ['IN_PERSON', 'PHONE_CALL'] as const;
export type PreferenceChannel = (typeof preferenceChannels)[number];

export interface PreferenceGiven {
  preference: DeliveryPreference;
  givenAt: string;
  /** The user (partner or operator) who recorded it. */
  recordedBy: string;
  via: PreferenceChannel;
}

/** The villager's preference as they gave it now: a new one replaces the last, with its own time. */
export function giveDeliveryPreference(
  villager: Villager,
  input: { preference: DeliveryPreference; via?: PreferenceChannel | undefined },
  recordedBy: string,
  now: Date,
): Villager {
  const at = now.toISOString();
  return {
    ...villager,
    deliveryPreference: { preference: input.preference, givenAt: at, recordedBy, via: input.via ?? 'IN_PERSON' },
    updatedAt: at,
    version: (villager.version ?? 1) + 1,
  };
}

/** `SMS`: messages go to the villager's phone (when there is one); `NONE`: the villager asked for none. */
export const messageChoices = ['SMS', 'NONE'] as const;
export type MessageChoice = (typeof messageChoices)[number];

export interface NewVillager {
  name: string;
  phone?: string | undefined;
  messages?: MessageChoice | undefined;
  villageId: string;
  addressNote?: string | undefined;
  consent: true;
}

export function registerVillager(station: Station, input: NewVillager, now: Date): Villager {
  requireVillage(station, input.villageId);
  const at = now.toISOString();
  return {
    villagerId: newId('villager'),
    stationId: station.stationId,
    name: input.name,
    ...(input.phone ? { phone: input.phone } : {}),
    villageId: input.villageId,
    ...(input.addressNote ? { addressNote: input.addressNote } : {}),
    messages: input.messages ?? 'SMS',
    consentAt: at,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** A correction: a field left out stays; `null` removes the phone or the address note. */
export interface VillagerChanges {
  name?: string | undefined;
  phone?: string | null | undefined;
  villageId?: string | undefined;
  addressNote?: string | null | undefined;
  messages?: MessageChoice | undefined;
}

export function correctVillager(station: Station, villager: Villager, changes: VillagerChanges, now: Date): Villager {
  if (changes.villageId !== undefined) requireVillage(station, changes.villageId);
  const { phone: _phone, addressNote: _note, ...rest } = villager;
  const phone = changes.phone === undefined ? villager.phone : (changes.phone ?? undefined);
  const addressNote = changes.addressNote === undefined ? villager.addressNote : (changes.addressNote ?? undefined);
  return {
    ...rest,
    name: changes.name ?? villager.name,
    ...(phone ? { phone } : {}),
    villageId: changes.villageId ?? villager.villageId,
    ...(addressNote ? { addressNote } : {}),
    messages: changes.messages ?? villager.messages ?? 'SMS',
    updatedAt: now.toISOString(),
    version: (villager.version ?? 1) + 1,
  };
}

/** Who is being erased, as free text may name them. */
export interface Erased {
  name: string;
  phone?: string | undefined;
}

/**
 * The attributes of an item that are the table's own (keys, index keys): never free text, never rewritten.
 * Everything else that is a string, however deep, may hold what a person typed.
 */
const ownAttributes = new Set(['pk', 'sk', 'collectionPk', 'collectionSk', 'lookupPk', 'lookupSk', 'rankPk', 'rankSalesFen', 'type']);

/** A phone number as people write it: its digits, with spaces, dots or hyphens between them, not inside a longer number. */
function phonePattern(phone: string): RegExp {
  const digits = [...phone].map((d) => d.replace(/[^0-9]/g, '')).join('[\\s.\\-]?');
  return new RegExp(`(?<![0-9])${digits}(?![0-9])`, 'g');
}

/** The name (two characters or more: one would blank a family name out of every note) and the number, each character a star. */
function scrubText(text: string, who: Erased): string {
  let out = text;
  const name = who.name.trim();
  if ([...name].length >= 2) out = out.split(name).join('*'.repeat([...name].length));
  if (who.phone) out = out.replace(phonePattern(who.phone), (m) => m.replace(/[0-9]/g, '*'));
  return out;
}

function scrubValue(value: unknown, who: Erased): unknown {
  if (typeof value === 'string') return scrubText(value, who);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, who));
  if (value instanceof Set) return new Set([...value].map((v) => scrubValue(v, who)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, who)]));
  return value;
}

/**
 * Free text that names an erased villager (a note, a problem, a reason), with
 * their name and number blanked out: the item's attributes that change, and
 * their new values (none: nothing named them). Amounts, ids and dates stay.
 */
export function scrubbedAttributes(item: Readonly<Record<string, unknown>>, who: Erased): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (ownAttributes.has(name)) continue;
    const after = scrubValue(value, who);
    if (
      JSON.stringify(after, (_k, v: unknown) => (v instanceof Set ? [...v] : v)) !== JSON.stringify(value, (_k, v: unknown) => (v instanceof Set ? [...v] : v))
    )
      changed[name] = after;
  }
  return changed;
}
