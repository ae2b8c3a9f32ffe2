import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { addDays, shanghaiDate } from '#domain/time.ts';
import type { Session } from '../shared/auth.ts';
import type { StationView } from '../shared/types.ts';

export type { StationView };

export interface PartnerContext {
  session: Session;
  station: StationView;
  go: (hash: string) => void;
}

export const Partner = createContext<PartnerContext | undefined>(undefined);

export function usePartner(): PartnerContext {
  const ctx = useContext(Partner);
  if (!ctx) throw new Error('outside the partner app');
  return ctx;
}

export const villageName = (station: StationView, villageId: string) => station.villages.find((v) => v.villageId === villageId)?.name ?? villageId;

/** Today in Shanghai (or some days from today), for date fields. */
export const today = (offsetDays = 0) => shanghaiDate(addDays(new Date(), offsetDays));
export const thisMonth = () => today().slice(0, 7);

/**
 * A pick-up's note as the partner reads it. Installations booked before the
 * booking's note named only the product carried the job's id in brackets
 * (`空调 ×1 (ins_01…_0)`): an id means nothing to anyone, and a word that
 * long pushed a phone's screen sideways.
 */
export const taskNote = (note: string | undefined) => (note ?? '').replace(/\s*\(ins_[0-9A-Za-z_]+\)\s*$/, '');

/** The number printed on the receipt: the order id's last six characters, enough to find the order at hand-over. */
export const receiptNo = (orderId: string) => orderId.slice(-6);
