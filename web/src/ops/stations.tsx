import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from './texts.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { fenToYuanInput, formatFen } from '../shared/money.ts';
import { Figures, Field, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { Balances, Page, StationView } from '../shared/types.ts';
import { percentOf, thisMonth } from './common.ts';
import { TableBox } from './table-box.tsx';

const pageSize = 20;

export function StationList() {
  const [pages, setPages] = useState<Page<StationView>[]>([]);
  const load = useAction();
  const more = (next?: string) =>
    void load.run(async () => {
      const page = await api<Page<StationView>>('GET', `/v1/stations?limit=${pageSize}${next ? `&next=${encodeURIComponent(next)}` : ''}`);
      setPages((p) => [...p, page]);
    });
  useEffect(() => more(), []);
  const stations = pages.flatMap((p) => p.items);
  const next = pages.at(-1)?.next;
  return (
    <>
      <h1>{t('ops.nav.stations')}</h1>
      <p>
        <a class="button primary" href="#/stations/new">
          {t('ops.station.new')}
        </a>
      </p>
      <Notice shown={load.problem} />
      <TableBox label={t('ops.station.list')}>
        <table class="data">
          <caption class="sr-only">{t('ops.station.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ops.station.county')}</th>
              <th scope="col">{t('ops.station.name')}</th>
              <th scope="col">{t('ops.station.villages')}</th>
              <th scope="col">{t('ops.station.share')}</th>
              <th scope="col">{t('ops.station.cashLimit')}</th>
            </tr>
          </thead>
          <tbody>
            {stations.map((s) => (
              <tr key={s.stationId}>
                <td>{s.county}</td>
                <th scope="row">
                  <a href={`#/stations/${s.stationId}`}>{s.name}</a>
                </th>
                <td>{s.villages.length}</td>
                <td>{percentOf(s.commissionShareBp)}%</td>
                <td class="num">{formatFen(s.cashLimitFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      {next && (
        <button type="button" onClick={() => more(next)} disabled={load.busy}>
          {t('ops.more')}
        </button>
      )}
    </>
  );
}

interface Village {
  villageId?: string;
  name: string;
  location: { lat: number; lon: number };
}

/** Villages as lines: name, latitude, longitude, separated by tabs (pasted from a spreadsheet) or commas. */
export const villagesText = (villages: readonly Village[]) => villages.map((v) => `${v.name}\t${v.location.lat}\t${v.location.lon}`).join('\n');

export function readVillages(text: string, known: readonly Village[] = []): Village[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) throw mistake('villages', 'field.villagesNeeded');
  return lines.map((line, i) => {
    const cells = line.split(/\t|,|，/).map((c) => c.trim());
    const [name, lat, lon] = cells;
    const location = { lat: Number(lat), lon: Number(lon) };
    if (cells.length !== 3 || !name || !Number.isFinite(location.lat) || !Number.isFinite(location.lon) || lat === '' || lon === '') {
      throw Object.assign(mistake('villages', 'field.invalid'), { message: t('ops.station.villageLine', { line: i + 1 }) });
    }
    const same = known.find((v) => v.name === name);
    return { ...(same?.villageId ? { villageId: same.villageId } : {}), name, location };
  });
}

function percentToBp(text: string, field: string): number {
  const n = Number(text.replace('%', '').trim());
  if (!text.trim() || !Number.isFinite(n) || n < 0 || n > 100) throw mistake(field, 'field.basisPoints');
  return Math.round(n * 100);
}

function VillagesField(props: { value: string; onValue: (v: string) => void; error?: string | undefined }) {
  return (
    <Field label={t('ops.station.villagesInput')} error={props.error} hint={t('ops.station.villagesHint')}>
      {(id, describedBy) => (
        <textarea
          id={id}
          name="villages"
          rows={6}
          value={props.value}
          onInput={(e) => props.onValue((e.target as HTMLTextAreaElement).value)}
          aria-describedby={describedBy}
          aria-invalid={props.error ? 'true' : undefined}
        />
      )}
    </Field>
  );
}

export function NewStation() {
  const [f, setF] = useState({ name: '', county: '', lat: '', lon: '', share: '30', cashLimit: '5000', varianceLimit: '200', villages: '' });
  const set = (k: keyof typeof f) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  return (
    <>
      <h1>{t('ops.station.new')}</h1>
      <CommandForm<StationView>
        formId="ops:station:new"
        submitLabel={t('ops.station.create')}
        again={t('ops.station.another')}
        build={() => {
          const location = { lat: Number(f.lat), lon: Number(f.lon) };
          if (!f.lat.trim() || !Number.isFinite(location.lat)) throw mistake('location.lat', 'field.invalid');
          if (!f.lon.trim() || !Number.isFinite(location.lon)) throw mistake('location.lon', 'field.invalid');
          const body = {
            name: f.name,
            county: f.county,
            location,
            villages: readVillages(f.villages).map(({ name, location: l }) => ({ name, location: l })),
            commissionShareBp: percentToBp(f.share, 'commissionShareBp'),
            cashLimitFen: fenFromField(f.cashLimit, 'cashLimitFen', { required: true }),
            varianceLimitFen: fenFromField(f.varianceLimit, 'varianceLimitFen', { required: true }),
          };
          return { command: { method: 'POST', path: '/v1/stations', body, label: t('ops.station.create') }, draft: f };
        }}
        outcome={(s) => t('ops.station.created', { name: s.name })}
        onDone={(s) => (location.hash = `#/stations/${s.stationId}`)}
      >
        {(intent) => (
          <>
            <TextInput name="name" label={t('ops.station.name')} value={f.name} onValue={set('name')} error={intent.fieldError('name')} required />
            <TextInput name="county" label={t('ops.station.county')} value={f.county} onValue={set('county')} error={intent.fieldError('county')} required />
            <div class="pair">
              <TextInput
                name="lat"
                inputMode="decimal"
                label={t('ops.station.lat')}
                value={f.lat}
                onValue={set('lat')}
                error={intent.fieldError('location.lat')}
                required
              />
              <TextInput
                name="lon"
                inputMode="decimal"
                label={t('ops.station.lon')}
                value={f.lon}
                onValue={set('lon')}
                error={intent.fieldError('location.lon')}
                required
              />
            </div>
            <VillagesField value={f.villages} onValue={set('villages')} error={intent.fieldError('villages')} />
            <TermsFields f={f} set={set} fieldError={intent.fieldError} />
          </>
        )}
      </CommandForm>
    </>
  );
}

function TermsFields(props: {
  f: { share: string; cashLimit: string; varianceLimit: string };
  set: (k: 'share' | 'cashLimit' | 'varianceLimit') => (v: string) => void;
  fieldError: (name: string) => string | undefined;
}) {
  const { f, set, fieldError } = props;
  return (
    <>
      <TextInput
        name="share"
        inputMode="decimal"
        label={t('ops.station.shareInput')}
        value={f.share}
        onValue={set('share')}
        error={fieldError('commissionShareBp')}
        required
      />
      <TextInput
        name="cashLimit"
        inputMode="decimal"
        label={t('ops.station.cashLimitInput')}
        value={f.cashLimit}
        onValue={set('cashLimit')}
        error={fieldError('cashLimitFen')}
        required
      />
      <TextInput
        name="varianceLimit"
        inputMode="decimal"
        label={t('ops.station.varianceLimitInput')}
        value={f.varianceLimit}
        onValue={set('varianceLimit')}
        error={fieldError('varianceLimitFen')}
        required
      />
    </>
  );
}

export function StationScreen({ stationId }: { stationId: string }) {
  const [station, setStation] = useState<StationView | undefined>();
  const [balances, setBalances] = useState<Balances | undefined>();
  const load = useAction();
  useEffect(
    () =>
      void load.run(async () => {
        const [s, b] = await Promise.all([api<StationView>('GET', `/v1/stations/${stationId}`), api<Balances>('GET', `/v1/stations/${stationId}/cash`)]);
        setStation(s);
        setBalances(b);
      }),
    [stationId],
  );
  return (
    <>
      <h1>{station?.name ?? t('loading')}</h1>
      <Notice shown={load.problem} />
      {station && <p class="hint">{t('ops.station.where', { county: station.county, villages: station.villages.length })}</p>}
      <Section title={t('ops.station.cash')} id="cash">
        {balances?.overLimit && <Notice shown={t('ops.cash.overShort')} />}
        <Figures
          rows={[
            [t('cash.drawer'), balances?.drawerFen],
            [t('ops.cash.pending'), balances?.pendingRemittancesFen],
            [t('cash.due'), balances?.dueToPlatformFen],
            [t('cash.commission'), balances?.commissionEarnedFen],
            [t('cash.variance'), balances?.varianceFen],
            [t('ops.station.cashLimit'), balances?.cashLimitFen],
          ]}
        />
        {station && (
          <p>
            <a href={`#/month/${thisMonth()}/${station.stationId}`}>{t('ops.month.statement')}</a>
          </p>
        )}
      </Section>
      {station && <ChangeStation station={station} onChanged={setStation} />}
    </>
  );
}

function ChangeStation({ station, onChanged }: { station: StationView; onChanged: (s: StationView) => void }) {
  const [f, setF] = useState(() => ({
    county: station.county,
    share: percentOf(station.commissionShareBp),
    cashLimit: fenToYuanInput(station.cashLimitFen),
    varianceLimit: fenToYuanInput(station.varianceLimitFen),
    villages: villagesText(station.villages),
  }));
  const set = (k: keyof typeof f) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  return (
    <Section title={t('ops.station.change')} id="change">
      <CommandForm<StationView>
        formId={`ops:station:${station.stationId}`}
        submitLabel={t('ops.station.save')}
        again={t('ops.station.changeAgain')}
        build={() => ({
          command: {
            method: 'PATCH',
            path: `/v1/stations/${station.stationId}`,
            body: {
              county: f.county.trim(),
              commissionShareBp: percentToBp(f.share, 'commissionShareBp'),
              cashLimitFen: fenFromField(f.cashLimit, 'cashLimitFen', { required: true }),
              varianceLimitFen: fenFromField(f.varianceLimit, 'varianceLimitFen', { required: true }),
              villages: readVillages(f.villages, station.villages),
            },
            label: t('ops.station.save'),
          },
          draft: f,
        })}
        outcome={() => t('ops.station.saved')}
        onDone={onChanged}
      >
        {(intent) => (
          <>
            <TextInput name="county" label={t('ops.station.county')} value={f.county} onValue={set('county')} error={intent.fieldError('county')} required />
            <TermsFields f={f} set={set} fieldError={intent.fieldError} />
            <VillagesField value={f.villages} onValue={set('villages')} error={intent.fieldError('villages')} />
          </>
        )}
      </CommandForm>
    </Section>
  );
}
