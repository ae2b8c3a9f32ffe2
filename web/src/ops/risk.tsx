import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { Notice, useAction } from '../shared/ui.tsx';
import type { RiskView } from '../shared/types.ts';
import { TableBox } from './table-box.tsx';
import { t } from './texts.ts';

/** 风险: per station over 30 days, each count with its reason as the API words it (docs/rules.md "The risk view"). */
export function RiskScreen() {
  const [view, setView] = useState<RiskView | undefined>();
  const load = useAction();
  useEffect(() => void load.run(async () => setView(await api<RiskView>('GET', '/v1/risk?limit=100'))), []);
  return (
    <>
      <h1>{t('ops.risk.title')}</h1>
      <Notice shown={load.problem} />
      {view && (
        <>
          <p class="hint">{t('ops.risk.intro', { from: view.from, to: view.to })}</p>
          {view.cutShort && <p class="notice">{t('ops.risk.cutShort')}</p>}
          {view.items.length === 0 && <p>{t('ops.none')}</p>}
          {view.items.length > 0 && (
            <TableBox label={t('ops.risk.title')}>
              <table class="data">
                <caption class="sr-only">{t('ops.risk.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ops.risk.station')}</th>
                    <th scope="col">{t('ops.risk.total')}</th>
                    <th scope="col">{t('ops.risk.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.items.map((s) => (
                    <tr key={s.stationId}>
                      <th scope="row">
                        {s.stationName ?? s.stationId}
                        {s.county ? <span class="hint"> · {s.county}</span> : null}
                      </th>
                      <td class="num">{s.total}</td>
                      <td>
                        <ul class="plain">
                          {s.signals.map((x) => (
                            <li key={x.signal}>
                              <strong>{t('ops.risk.count', { count: x.count })}</strong> {x.reason}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          )}
        </>
      )}
    </>
  );
}
