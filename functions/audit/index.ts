import { db } from '#store/db.ts';
import { auditNetwork } from './audit-network.ts';

db();

/** Invoked daily by EventBridge Scheduler (infra/monitoring.ts); the answer is for a person running it by hand. */
export const handler = async () => {
  const { stations, discrepancies, pages } = await auditNetwork();
  return { stations, pages, discrepancies: discrepancies.length };
};
