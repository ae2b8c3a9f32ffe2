import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t, type Key } from '../shared/i18n.ts';
import { formatFen } from '../shared/money.ts';
import { Money, Notice, useAction } from '../shared/ui.tsx';
import type { RunSheetView as Sheet } from '../shared/types.ts';
import { taskNote } from './context.ts';

export function RunSheet({ runId }: { runId: string }) {
  const [sheet, setSheet] = useState<Sheet | undefined>();
  const action = useAction();
  useEffect(() => void action.run(async () => setSheet(await api<Sheet>('GET', `/v1/delivery-runs/${runId}/sheet`))), [runId]);
  if (!sheet) return <Notice shown={action.problem} />;
  return (
    <article class="sheet">
      <h1>
        {t('delivery.sheet')} · {sheet.stationName} · {sheet.date}
      </h1>
      <p>{t('delivery.sheetTotals', { km: sheet.distanceKm.toFixed(1), cash: formatFen(sheet.cashToCollectFen) })}</p>
      {sheet.trips.map((trip) => (
        <section key={trip.tripNo}>
          <h2>{t('delivery.trip', { n: trip.tripNo, km: trip.distanceKm.toFixed(1), kg: trip.weightKg.toFixed(1) })}</h2>
          <ol>
            {trip.stops.map((stop) => (
              <li key={stop.stopId}>
                <h3>{stop.villageName}</h3>
                <table>
                  <caption class="sr-only">{stop.villageName}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('sheet.villager')}</th>
                      <th scope="col">{t('sheet.goods')}</th>
                      <th scope="col">{t('sheet.cash')}</th>
                      <th scope="col">{t('sheet.signed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stop.parcels.map((p) => (
                      <tr key={p.orderId}>
                        <td>
                          {p.villagerName} {p.phone ?? ''} {p.addressNote ?? ''}
                        </td>
                        <td>
                          {p.lines.map((l) => `${l.title} ×${l.qty}`).join('、')} ({p.weightKg} {t('unit.kg')})
                        </td>
                        <td>
                          <Money fen={p.cashToCollectFen} />
                        </td>
                        <td class="sign" />
                      </tr>
                    ))}
                    {(stop.courierParcels ?? []).map((c) => (
                      <tr key={c.parcelId} data-parcel={c.parcelId}>
                        <td>
                          {c.recipientName ?? ''} {c.phoneLast4 ? `*${c.phoneLast4}` : ''} {c.addressNote ?? ''}
                        </td>
                        <td>{t('sheet.courierParcel', { tail: c.waybillTail, courier: c.courier, shelf: c.shelf })}</td>
                        <td>{t('sheet.codeAtDoor')}</td>
                        <td class="sign" />
                      </tr>
                    ))}
                    {stop.pickups.map((x) => (
                      <tr key={x.taskId}>
                        <td>{x.villagerName ?? ''}</td>
                        <td>
                          {t(`kind.${x.kind}` as Key)} {taskNote(x.note)} ({x.weightKg} {t('unit.kg')})
                        </td>
                        <td />
                        <td class="sign" />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </li>
            ))}
          </ol>
        </section>
      ))}
      <div class="no-print actions">
        <button class="primary" onClick={() => print()}>
          {t('receipt.print')}
        </button>
        <a class="button" href={`#/runs/${runId}`}>
          {t('delivery.backToRun')}
        </a>
      </div>
    </article>
  );
}
