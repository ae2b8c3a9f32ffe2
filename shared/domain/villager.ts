import { RuleError, fieldError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { findVillage, type Station } from './station.ts';
import { msg } from '#shared/i18n/messages.ts';

export interface Villager {
  villagerId: string;
  stationId: string;
  name: string;
  phone?: string;
  villageId: string;
  addressNote?: string;
  /** When the villager agreed to have their details kept (PIPL consent). */
  consentAt: string;
  createdAt: string;
}

export interface NewVillager {
  name: string;
  phone?: string | undefined;
  villageId: string;
  addressNote?: string | undefined;
  consent: true;
}

export function registerVillager(station: Station, input: NewVillager, now: Date): Villager {
  if (!findVillage(station, input.villageId)) {
    throw new RuleError('unknown-village', msg('unknown-village'), [fieldError('body.villageId', 'field.notOurVillage')]);
  }
  const at = now.toISOString();
  return {
    villagerId: newId('villager'),
    stationId: station.stationId,
    name: input.name,
    ...(input.phone ? { phone: input.phone } : {}),
    villageId: input.villageId,
    ...(input.addressNote ? { addressNote: input.addressNote } : {}),
    consentAt: at,
    createdAt: at,
  };
}
