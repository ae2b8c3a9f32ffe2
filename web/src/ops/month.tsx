import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from './texts.ts';
import { formatFen } from '../shared/money.ts';
import { Figures, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { Page, RankingRow, StationView, Statement } from '../shared/types.ts';
import { download, monthsUpTo, thisMonth } from './common.ts';
import { TableBox } from './table-box.tsx';
import { toCsv } from '../shared/csv.ts';

const yuanCell = (fen: number) => (fen / 100).toFixed(2);

/** The ranking as a spreadsheet opens it: amounts in yuan; names and counties as text, never formulas (shared/csv.ts). */
export function rankingCsv(rows: readonly RankingRow[]): string {
  const header = ['rank', 'stationId', 'station', 'county', 'salesYuan', 'ordersHandedOver', 'villagersServed', 'commissionYuan', 'savingsYuan', 'returns'];
  return toCsv(
    header,
    rows.map((r, i) => [
      i + 1,
      r.stationId,
      r.stationName ?? '',
      r.county ?? '',
      yuanCell(r.salesFen),
      r.ordersHandedOver,
      r.villagersServed,
      yuanCell(r.commissionFen),
      yuanCell(r.savingsFen),
      r.returns,
    ]),
  );
}

export function MonthScreen({ month = thisMonth() }: { month?: string }) {
  const [rows, setRows] = useState<RankingRow[] | undefined>();
  const [picked, setPicked] = useState(month);
  const load = useAction();
  useEffect(
    () =>
      void load.run(async () => {
        const all: RankingRow[] = [];
        let next: string | undefined;
        do {
          const page: Page<RankingRow> = await api('GET', `/v1/statements/${month}?limit=100${next ? `&next=${encodeURIComponent(next)}` : ''}`);
          all.push(...page.items);
          next = page.next;
        } while (next);
        setRows(all);
      }),
    [month],
  );
  return (
    <>
      <h1>{t('ops.month.title', { month })}</h1>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          location.hash = `#/month/${picked}`;
        }}
      >
        <TextInput name="month" type="month" label={t('ops.month.pick')} value={picked} onValue={setPicked} pattern="\d{4}-\d{2}" />
        <button type="submit">{t('ops.month.show')}</button>
      </form>
      <Notice shown={load.problem} />
      <Section title={t('ops.month.ranking')} id="ranking">
        {rows && rows.length === 0 && <p>{t('ops.none')}</p>}
        {rows && rows.length > 0 && (
          <>
            <TableBox label={t('ops.month.table')}>
              <table class="data">
                <caption class="sr-only">{t('ops.month.ranking')}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('ops.station.name')}</th>
                    <th scope="col">{t('ops.month.sales')}</th>
                    <th scope="col">{t('ops.month.orders')}</th>
                    <th scope="col">{t('ops.month.commission')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={r.stationId}>
                      <td class="num">{i + 1}</td>
                      <th scope="row">
                        <a href={`#/month/${month}/${r.stationId}`}>{r.stationName ?? r.stationId}</a>
                      </th>
                      <td class="num">{formatFen(r.salesFen)}</td>
                      <td class="num">{r.ordersHandedOver}</td>
                      <td class="num">{formatFen(r.commissionFen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
            <button type="button" onClick={() => download(`ranking-${month}.csv`, rankingCsv(rows))}>
              {t('ops.month.export')}
            </button>
          </>
        )}
      </Section>
    </>
  );
}

const chartMonths = 6;

export function StationMonth({ month, stationId }: { month: string; stationId: string }) {
  const [station, setStation] = useState<StationView | undefined>();
  const [statements, setStatements] = useState<Statement[] | undefined>();
  const load = useAction();
  useEffect(
    () =>
      void load.run(async () => {
        const base = `/v1/stations/${stationId}`;
        const [s, ...months] = await Promise.all([
          api<StationView>('GET', base),
          ...monthsUpTo(month, chartMonths).map((m) => api<Statement>('GET', `${base}/statements/${m}`)),
        ]);
        setStation(s as StationView);
        setStatements(months as Statement[]);
      }),
    [month, stationId],
  );
  const current = statements?.at(-1);
  return (
    <>
      <h1>{t('ops.month.stationTitle', { name: station?.name ?? '…', month })}</h1>
      <Notice shown={load.problem} />
      <Section title={t('ops.month.statement')} id="statement">
        <Figures
          rows={[
            [t('ops.month.sales'), current?.salesFen],
            [t('ops.month.orders'), current?.ordersHandedOver, 'count'],
            [t('ops.month.villagers'), current?.villagersServed, 'count'],
            [t('ops.month.savings'), current?.savingsFen],
            [t('ops.month.commission'), current?.commissionFen],
            [t('ops.month.cashCollected'), current?.cashCollectedFen],
            [t('ops.month.refunds'), current?.refundsFen],
            [t('ops.month.remitted'), current?.remittedFen],
            [t('cash.variance'), current?.varianceFen],
          ]}
        />
      </Section>
      <Section title={t('ops.month.chart', { n: chartMonths })} id="chart">
        {statements && <SalesChart statements={statements} />}
      </Section>
      <p>
        <a href={`#/stations/${stationId}`}>{t('ops.month.toStation')}</a> · <a href={`#/month/${month}`}>{t('ops.month.toRanking')}</a>
      </p>
    </>
  );
}

/** Sales by month as bars, drawn here (no chart service): the figures are also in a table for screen readers. */
export function SalesChart({ statements }: { statements: readonly Statement[] }) {
  const width = 360;
  const height = 150;
  const top = Math.max(1, ...statements.map((s) => s.salesFen));
  const slot = width / statements.length;
  const bar = slot * 0.6;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-labelledby="chart-title" preserveAspectRatio="xMidYMid meet">
        <title id="chart-title">{t('ops.month.chartAlt')}</title>
        {statements.map((s, i) => {
          // The tallest bar leaves room above it for its figure.
          const h = Math.round((s.salesFen / top) * (height - 18));
          const x = i * slot + (slot - bar) / 2;
          return (
            <g key={s.month}>
              <rect x={x} y={height - h} width={bar} height={h} class="bar" />
              <text x={x + bar / 2} y={height + 18} text-anchor="middle" class="axis">
                {s.month.slice(2)}
              </text>
              <text x={x + bar / 2} y={height - h - 4} text-anchor="middle" class="value">
                {Math.round(s.salesFen / 100)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <table class="data compact">
          <caption class="sr-only">{t('ops.month.chartAlt')}</caption>
          <tbody>
            {statements.map((s) => (
              <tr key={s.month}>
                <th scope="row">{s.month}</th>
                <td class="num">{formatFen(s.salesFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
