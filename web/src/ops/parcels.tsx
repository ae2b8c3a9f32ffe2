import { useEffect, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import type * as parcels from '#functions/parcels/responses.ts';
import { api } from '../shared/api.ts';
import { newKey } from '../shared/intent.ts';
import { Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { Page, StationView } from '../shared/types.ts';
import { locale } from './common.ts';
import { TableBox } from './table-box.tsx';
import { t } from './texts.ts';

type ParcelView = z.output<ReturnType<typeof parcels.Parcel>>;

/** The three lists ops look at for a station: the shelf, what was kept past its days, what wrong codes locked. */
const lists = [
  ['shelf', 'status=AT_STATION'],
  ['overdue', 'dueBack=true'],
  ['locked', 'locked=true'],
] as const;
type ListName = (typeof lists)[number][0];

const when = (iso: string) => new Date(iso).toLocaleString(locale(), { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });

/**
 * 快递: a station's parcels as ops see them (docs/rules.md "Parcels"): how many
 * are on the shelf, which were kept past the station's days (to go back to the
 * courier), and which wrong pickup codes locked, each unlocked with a reason
 * once the recipient was checked.
 */
export function ParcelsScreen({ stationId }: { stationId?: string | undefined }) {
  const [stations, setStations] = useState<StationView[]>([]);
  const [found, setFound] = useState<Partial<Record<ListName, Page<ParcelView>>>>({});
  const [round, setRound] = useState(0);
  const load = useAction();
  useEffect(() => void load.run(async () => setStations((await api<Page<StationView>>('GET', '/v1/stations?limit=100')).items)), []);
  useEffect(() => {
    if (!stationId) return;
    void load.run(async () => {
      const pages = await Promise.all(
        lists.map(async ([name, query]) => [name, await api<Page<ParcelView>>('GET', `/v1/stations/${stationId}/parcels?${query}&limit=100`)] as const),
      );
      setFound(Object.fromEntries(pages));
    });
  }, [stationId, round]);
  const station = stations.find((s) => s.stationId === stationId);
  return (
    <>
      <h1>{t('ops.parcels.title')}</h1>
      <p class="hint">{t('ops.parcels.intro')}</p>
      <Notice shown={load.problem} />
      <nav aria-label={t('ops.parcels.stations')}>
        <ul class="plain">
          {stations.map((s) => (
            <li key={s.stationId}>
              <a href={`#/parcels/${encodeURIComponent(s.stationId)}`} aria-current={s.stationId === stationId ? 'page' : undefined}>
                {s.name}
              </a>
              <span class="hint"> · {s.county}</span>
            </li>
          ))}
        </ul>
      </nav>
      {station &&
        lists.map(([name]) => {
          const page = found[name];
          return (
            <Section key={name} title={`${station.name} · ${t(`ops.parcels.${name}`)}`} id={`parcels-${name}`}>
              {page && <p data-count={name}>{t(page.next ? 'ops.parcels.countMore' : 'ops.parcels.count', { count: page.items.length })}</p>}
              {page && page.items.length > 0 && (
                <TableBox label={t(`ops.parcels.${name}`)}>
                  <table class="data">
                    <thead>
                      <tr>
                        <th scope="col">{t('ops.parcels.waybill')}</th>
                        <th scope="col">{t('ops.parcels.shelf')}</th>
                        <th scope="col">{t('ops.parcels.recipient')}</th>
                        <th scope="col">{t('ops.parcels.scannedAt')}</th>
                        <th scope="col">{t('ops.parcels.dueBackAt')}</th>
                        {name === 'locked' && <th scope="col">{t('ops.parcels.unlock')}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((p) => (
                        <tr key={p.parcelId} data-parcel={p.parcelId}>
                          <th scope="row">
                            {p.courier} {p.waybillNo}
                          </th>
                          <td>{p.shelf}</td>
                          <td>
                            {p.recipientName ?? ''} {p.recipientPhoneMasked}
                            {p.delivery === 'HOME' ? <span class="hint"> · {t('ops.parcels.home')}</span> : null}
                          </td>
                          <td>{when(p.scannedAt)}</td>
                          <td>{when(p.dueBackAt)}</td>
                          {name === 'locked' && (
                            <td>
                              <UnlockForm parcel={p} onDone={() => setRound((n) => n + 1)} />
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableBox>
              )}
            </Section>
          );
        })}
    </>
  );
}

/** Unlock after checking the recipient: the reason is required and kept on the parcel with who and when. */
function UnlockForm({ parcel, onDone }: { parcel: ParcelView; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [key] = useState(newKey);
  const action = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          await api('POST', `/v1/parcels/${parcel.parcelId}/unlock`, { key, body: { reason: reason.trim() } });
          onDone();
        });
      }}
    >
      <TextInput
        label={t('ops.parcels.reason', { attempts: parcel.wrongCodeAttempts })}
        name={`reason-${parcel.parcelId}`}
        value={reason}
        onValue={setReason}
        error={action.fieldError('body.reason')}
      />
      <Notice shown={action.problem} />
      <button type="submit" disabled={action.busy}>
        {t('ops.parcels.unlock')}
      </button>
    </form>
  );
}
