import { withJobs } from '#functions/jobs.ts';
import { db } from '#store/db.ts';
import { auditNetwork } from './audit-network.ts';

db();

/** Runs the nightly audit (functions/jobs.ts); the answer is for a person running it by hand (`npm run job audit`). */
export const handler = withJobs(
  'audit',
  {
    audit: async () => {
      const { stations, discrepancies, pages } = await auditNetwork();
      return { stations, pages, discrepancies: discrepancies.length };
    },
  },
  async () => {
    throw new Error('The audit function runs only as its scheduled job: { "job": "audit" }.');
  },
);
