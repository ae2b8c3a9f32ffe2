/**
 * `npm run audit`: the nightly ledger audit, once, against the local table that
 * `npm start` runs (or any table the environment names). Exits 1 when a ledger
 * is wrong, after printing each discrepancy.
 */
import { auditNetwork } from '#functions/audit/audit-network.ts';

process.env.TABLE_NAME ??= 'village-station-local';
process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
process.env.AWS_REGION ??= 'cn-north-1';
process.env.LOG_LEVEL ??= 'silent';

const report = await auditNetwork();
for (const d of report.discrepancies)
  console.log(`${d.stationId} ${d.rule}: ${d.detail}${d.orderId ? ` (order ${d.orderId})` : ''}${d.entryId ? ` (entry ${d.entryId})` : ''}`);
console.log(
  `${report.stations} stations audited in ${report.pages} queries: ${report.discrepancies.length ? `${report.discrepancies.length} discrepancies` : 'every ledger is right'}.`,
);
process.exit(report.discrepancies.length ? 1 : 0);
