import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
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

/** Today in Shanghai, for date fields. */
export const today = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
export const thisMonth = () => today().slice(0, 7);

/** The number printed on the receipt: the order id's last six characters, enough to find the order at hand-over. */
export const receiptNo = (orderId: string) => orderId.slice(-6);
