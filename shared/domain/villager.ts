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
  /** When the villager agreed to have their details kept (PIPL consent). */
  consentAt: string;
  createdAt: string;
  /** Absent on villagers registered before corrections existed (read as 1). */
  updatedAt?: string;
  version?: number;
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
