import { auditStation, type Discrepancy } from '#domain/audit.ts';
import { logger } from '#shared/logger.ts';
import { readStationLedger } from '#store/audit.ts';
import * as stationStore from '#store/stations.ts';

export interface AuditReport {
  stations: number;
  /** Query round trips, for the cost per station in the bench. */
  pages: number;
  discrepancies: Discrepancy[];
}

/**
 * Re-folds every station's journal and checks the ledger's invariants
 * (docs/quality.md "Ledger invariants"), station
 * by station (each read is a Query of that station's own partitions, never a
 * Scan). Each discrepancy is logged as one `ledger-discrepancy` line, which the
 * alarm in infra/monitoring.ts counts.
 */
export async function auditNetwork(): Promise<AuditReport> {
  const report: AuditReport = { stations: 0, pages: 0, discrepancies: [] };
  let cursor: string | undefined;
  do {
    const page = await stationStore.list(100, cursor);
    for (const station of page.items) {
      const ledger = await readStationLedger(station.stationId);
      const found = auditStation(ledger);
      report.stations++;
      report.pages += ledger.pages;
      report.discrepancies.push(...found);
      for (const d of found) logger.error('ledger-discrepancy', { event: 'ledger-discrepancy', ...d });
    }
    cursor = page.next;
  } while (cursor);
  logger.info('ledger-audit', { event: 'ledger-audit', stations: report.stations, discrepancies: report.discrepancies.length, pages: report.pages });
  return report;
}
