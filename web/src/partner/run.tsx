import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t, type Key } from '../shared/i18n.ts';
import { formatFen } from '../shared/money.ts';
import { useIntent } from '../shared/intent-ui.tsx';
import { Notice, Section, useAction } from '../shared/ui.tsx';
import type { RunSheetView as Sheet, RunView as Run } from '../shared/types.ts';

import { usePartner, villageName } from './context.ts';
import { StopForm } from './stop-form.tsx';

export function RunScreen({ runId }: { runId: string }) {
  const { station } = usePartner();
  const [run, setRun] = useState<Run | undefined>();
  const [sheet, setSheet] = useState<Sheet | undefined>();
  const action = useAction();
  /** Changes to the run (set off, move a stop, take a parcel off) go one at a time: each waits for the last. */
  const change = useIntent(`run:${runId}`);
  const refresh = () =>
    void action.run(async () => {
      setRun(await api<Run>('GET', `/v1/delivery-runs/${runId}`));
      setSheet(await api<Sheet>('GET', `/v1/delivery-runs/${runId}/sheet`));
    });
  useEffect(refresh, [runId]);
  useEffect(() => {
    if (change.done) void change.reset().then(refresh);
  }, [change.done?.key]);
  if (!run) return <Notice shown={action.problem} />;
  const command = (path: string, body: unknown, label: string) =>
    change.submit(() => ({ command: { method: 'POST', path: `/v1/delivery-runs/${run.runId}${path}`, body, label } }));
  const sheetStop = (stopId: string) => sheet?.trips.flatMap((x) => x.stops).find((s) => s.stopId === stopId);
  return (
    <>
      <h1>
        {t('delivery.run')} {run.date}
      </h1>
      <Notice shown={action.problem} />
      <Notice shown={change.problem} />
      {change.pending && <Notice kind="info" shown={t('pending.queued')} />}
      <p>
        {t(`runStatus.${run.status}` as Key)} · {t('delivery.stopsKm', { stops: run.summary.stops, km: run.distanceKm.toFixed(1) })} ·{' '}
        {t('delivery.summary', { delivered: run.summary.delivered, failed: run.summary.failed, cash: formatFen(run.summary.cashCollectedFen) })}
      </p>
      {run.leftForLater && run.leftForLater.orderIds.length > 0 && (
        <Notice kind="info" shown={t('delivery.leftForLater', { n: run.leftForLater.orderIds.length })} />
      )}
      <div class="actions">
        <a class="button" href={`#/sheet/${run.runId}`}>
          {t('delivery.sheet')}
        </a>
        {run.status === 'PLANNED' && (
          <button class="primary" onClick={() => command('/start', undefined, t('delivery.startLabel'))} disabled={change.locked}>
            {t('delivery.start')}
          </button>
        )}
      </div>
      {run.trips.map((trip) => (
        <Section
          key={trip.tripNo}
          title={t('delivery.trip', { n: trip.tripNo, km: trip.distanceKm.toFixed(1), kg: trip.weightKg.toFixed(1) })}
          id={`trip-${trip.tripNo}`}
        >
          <ol class="stops">
            {trip.stops.map((stop, i) => (
              <li key={stop.stopId}>
                <p>
                  <strong>{villageName(station, stop.villageId)}</strong> ·{' '}
                  {t('delivery.stopLoad', { parcels: stop.parcels, kg: stop.weightKg.toFixed(1), pickups: stop.pickups.length })}
                  {stop.status === 'DONE' && ` · ${t('delivery.stopDone')}`}
                </p>
                {run.status === 'PLANNED' && (
                  <div class="actions">
                    <button
                      disabled={i === 0 || change.locked}
                      onClick={() => command(`/stops/${stop.stopId}/move`, { trip: trip.tripNo, position: i }, t('delivery.moveLabel'))}
                      aria-label={t('delivery.earlierNamed', { name: villageName(station, stop.villageId) })}
                    >
                      ↑ {t('delivery.earlier')}
                    </button>
                    <button
                      disabled={i === trip.stops.length - 1 || change.locked}
                      onClick={() => command(`/stops/${stop.stopId}/move`, { trip: trip.tripNo, position: i + 2 }, t('delivery.moveLabel'))}
                      aria-label={t('delivery.laterNamed', { name: villageName(station, stop.villageId) })}
                    >
                      ↓ {t('delivery.later')}
                    </button>
                    {sheetStop(stop.stopId)?.parcels.map((p) => (
                      <button key={p.orderId} disabled={change.locked} onClick={() => command('/drop', { orderId: p.orderId }, t('delivery.dropLabel'))}>
                        {t('delivery.drop', { name: p.villagerName })}
                      </button>
                    ))}
                    {sheetStop(stop.stopId)?.courierParcels.map((c) => (
                      <button key={c.parcelId} disabled={change.locked} onClick={() => command('/drop', { parcelId: c.parcelId }, t('delivery.dropLabel'))}>
                        {t('delivery.dropCourierParcel', { tail: c.waybillTail })}
                      </button>
                    ))}
                  </div>
                )}
                {run.status === 'STARTED' && stop.status === 'PENDING' && sheetStop(stop.stopId) && (
                  <StopForm run={run} stop={stop} sheetStop={sheetStop(stop.stopId)!} onDone={refresh} />
                )}
              </li>
            ))}
          </ol>
        </Section>
      ))}
    </>
  );
}
