import { ulid } from 'ulid';

/** Prefixed ULIDs: sortable by creation time, and the prefix says what an id names. */
export const idPrefixes = {
  station: 'st',
  village: 'vg',
  villager: 'vl',
  order: 'ord',
  cart: 'cart',
  entry: 'je',
  return: 'ret',
  run: 'run',
  stop: 'stop',
  task: 'tsk',
  count: 'cnt',
  remittance: 'rem',
  billPayment: 'bp',
  ticket: 'wt',
  lot: 'lot',
  outbox: 'ob',
  message: 'msg',
  parcel: 'pcl',
  user: 'usr',
  session: 'ses',
  refresh: 'rt',
} as const;

export type IdKind = keyof typeof idPrefixes;

export function newId(kind: IdKind, time?: number): string {
  return `${idPrefixes[kind]}_${ulid(time)}`;
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ulidChars = '[0-9A-HJKMNP-TV-Z]{26}';

/**
 * Ids of what belongs to one order (an installation job, a claim) carry the
 * order's id, so a command reads the order and the item in one round trip.
 * A job is one per line: `ins_<order>_<line>`; a claim `clm_<order>_<ulid>`.
 */
export const installationJobId = (orderId: string, line: number): string => `ins_${orderId.slice(4)}_${line}`;
export const claimId = (orderId: string, time?: number): string => `clm_${orderId.slice(4)}_${ulid(time)}`;
export const installationJobPattern = new RegExp(`^ins_${ulidChars}_\\d{1,2}$`);
export const claimPattern = new RegExp(`^clm_${ulidChars}_${ulidChars}$`);
/** The order an installation job or a claim belongs to. */
export const orderOf = (childId: string): string => `ord_${childId.slice(4, 30)}`;
/** The run task that books a job's installation: one per job, its id made from the job's (so it is read with it). */
export const installationTaskId = (jobId: string): string => {
  const line = Number(jobId.slice(31));
  return `tsk_${jobId.slice(4, 28)}${crockford[Math.floor(line / 32) % 32]}${crockford[line % 32]}`;
};

/**
 * A tab request names the tab it is about: `treq_<station>_<villager>_<ulid>`,
 * so an operator's approval reads the request and the tab in one round trip.
 */
export const tabRequestId = (stationId: string, villagerId: string, time?: number): string => `treq_${stationId.slice(3)}_${villagerId.slice(3)}_${ulid(time)}`;
export const tabRequestPattern = new RegExp(`^treq_${ulidChars}_${ulidChars}_${ulidChars}$`);
/** The station and the villager whose tab a request is about. */
export const tabOfRequest = (requestId: string): { stationId: string; villagerId: string } => ({
  stationId: `st_${requestId.slice(5, 31)}`,
  villagerId: `vl_${requestId.slice(32, 58)}`,
});

export const idPattern = (kind: IdKind) => new RegExp(`^${idPrefixes[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`);
