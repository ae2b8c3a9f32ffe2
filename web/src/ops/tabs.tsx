import { useEffect, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import type * as tabs from '#functions/tabs/responses.ts';
import { api, ApiError } from '../shared/api.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { fenToYuanInput, formatFen } from '../shared/money.ts';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { Figures, Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { StationView, VillagerWithCredit } from '../shared/types.ts';
import { locale, readAll } from './common.ts';
import { TableBox } from './table-box.tsx';
import { t } from './texts.ts';

type Out<F extends () => z.ZodMiniType> = z.output<ReturnType<F>>;
type TabRequestView = Out<typeof tabs.TabRequest>;
type DecisionView = Out<typeof tabs.Decision>;
type TabBookView = Out<typeof tabs.TabBook>;
type TabView = Out<typeof tabs.TabView>;
type WriteOffView = Out<typeof tabs.WriteOffResult>;

/** The tab book's age bands (days past the due date), as the API names them. */
const ageBands = ['1-30', '31-60', '61-90', '90+'] as const satisfies readonly (keyof TabBookView['totals']['overdueByAge'])[];

/** Ops may write a tab off once its oldest unpaid sale is this many days overdue (the API decides; the screen only says so). */
const writeOffAfterDays = 180;

const when = (iso: string) => new Date(iso).toLocaleString(locale(), { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });
const percent = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
const bandLabel = (band: (typeof ageBands)[number]) => t(`ops.tabs.band.${band}`);

/** The stations' names, from the list across the network (never station by station). */
async function stationNames(): Promise<Map<string, string>> {
  const { items } = await readAll<StationView>('/v1/stations');
  return new Map(items.map((s) => [s.stationId, s.name]));
}

/** The villagers a screen names, one read each (a handful: the pending requests, or one station's tabs); an erased one is left out. */
async function villagersOf(pairs: readonly { stationId: string; villagerId: string }[]): Promise<Map<string, VillagerWithCredit>> {
  const unique = [...new Map(pairs.map((p) => [p.villagerId, p])).values()];
  const found = await Promise.all(
    unique.map(async (p) => {
      try {
        return await api<VillagerWithCredit>('GET', `/v1/stations/${p.stationId}/villagers/${p.villagerId}`);
      } catch (error) {
        if (error instanceof ApiError && error.problem.status === 404) return undefined;
        throw error;
      }
    }),
  );
  return new Map(found.filter((v): v is VillagerWithCredit => v !== undefined).map((v) => [v.villagerId, v]));
}

const villagerText = (v: VillagerWithCredit | undefined, villagerId: string) =>
  v ? `${v.name}${v.phone ? ` · ${t('ops.tabs.phoneEnd', { last4: v.phone.slice(-4) })}` : ''}` : villagerId;

/**
 * 赊账审批: the tab requests partners sent with the villager's consent by a code
 * to their phone (docs/rules.md "The tab"). A rule only suggests a limit and says
 * why; an operator decides: approves (with the limit asked, or a lower one) or
 * rejects, and a rejection says why.
 */
export function TabRequestsScreen() {
  const [requests, setRequests] = useState<{ items: TabRequestView[]; complete: boolean } | undefined>();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [villagers, setVillagers] = useState<Map<string, VillagerWithCredit>>(new Map());
  const [news, setNews] = useState<string | undefined>();
  const load = useAction();
  const reload = () =>
    void load.run(async () => {
      const [pending, stations] = await Promise.all([readAll<TabRequestView>('/v1/tab-requests?status=PENDING'), stationNames()]);
      setVillagers(await villagersOf(pending.items));
      setNames(stations);
      setRequests(pending);
    });
  useEffect(reload, []);
  const done = (said: string) => {
    setNews(said);
    reload();
  };
  return (
    <>
      <h1>{t('ops.tabs.requests.title')}</h1>
      <p class="hint">{t('ops.tabs.requests.intro')}</p>
      <Notice shown={load.problem} />
      <Section title={t('ops.tabs.requests.pending')} id="tab-requests">
        <Notice kind="ok" shown={news} />
        {requests && <p data-count="tab-requests">{t('ops.tabs.requests.count', { count: `${requests.items.length}${requests.complete ? '' : '+'}` })}</p>}
        {requests && !requests.complete && <p class="notice">{t('ops.tabs.cutShort')}</p>}
        {requests?.items.map((r) => {
          const v = villagers.get(r.villagerId);
          const who = villagerText(v, r.villagerId);
          return (
            <div class="item" key={`${r.requestId}:${r.version}`} data-request={r.requestId}>
              <h3>
                {who} · {names.get(r.stationId) ?? r.stationId}
              </h3>
              <Figures
                rows={[
                  [t('ops.tabs.requests.asked'), r.limitFen],
                  [t('ops.tabs.requests.suggested'), r.suggestion.limitFen],
                ]}
              />
              <p>
                {t('ops.tabs.requests.why')} {r.suggestion.reason}
              </p>
              <p class="hint">{t('ops.tabs.requests.when', { when: when(r.requestedAt) })}</p>
              <details>
                <summary>{t('ops.tabs.requests.consent', { when: when(r.consent.at), version: r.consent.version })}</summary>
                <p>{r.consent.text}</p>
              </details>
              <div class="actions">
                <ApproveTab request={r} who={v?.name ?? r.villagerId} onDone={done} />
                <RejectTab request={r} who={v?.name ?? r.villagerId} onDone={done} />
              </div>
            </div>
          );
        })}
        {requests && requests.items.length === 0 && <p>{t('ops.none')}</p>}
      </Section>
      <button type="button" onClick={reload} disabled={load.busy}>
        {t('ops.refresh')}
      </button>
    </>
  );
}

/** Approved with the limit the villager agreed to, or a lower one (the API refuses a higher one, naming the field). */
function ApproveTab({ request, who, onDone }: { request: TabRequestView; who: string; onDone: (said: string) => void }) {
  const [limit, setLimit] = useState(fenToYuanInput(request.limitFen));
  const [note, setNote] = useState('');
  return (
    <CommandForm<DecisionView>
      formId={`ops:tab-approve:${request.requestId}`}
      submitLabel={t('ops.tabs.approve')}
      build={() => {
        const limitFen = fenFromField(limit, 'limitFen', { required: true, positive: true });
        return {
          command: {
            method: 'POST',
            path: `/v1/tab-requests/${request.requestId}/approve`,
            body: { limitFen, ...(note.trim() ? { reason: note.trim() } : {}) },
            label: t('ops.tabs.approve'),
          },
          draft: { limit, note },
        };
      }}
      outcome={(d) => t('ops.tabs.approved', { name: who, limit: formatFen(d.tab?.limitFen ?? d.request.approvedLimitFen ?? 0) })}
      onDone={(_d, said) => onDone(said)}
    >
      {(intent) => (
        <>
          <TextInput
            name="limitFen"
            label={t('ops.tabs.limit')}
            hint={t('ops.tabs.limitHint', { max: formatFen(request.limitFen) })}
            value={limit}
            onValue={setLimit}
            error={intent.fieldError('limitFen')}
            inputMode="decimal"
            required
          />
          <TextInput name="note" label={t('ops.tabs.approveNote')} value={note} onValue={setNote} error={intent.fieldError('reason')} maxLength={200} />
        </>
      )}
    </CommandForm>
  );
}

/** Rejected, always with a reason: a person decided, and says why. */
function RejectTab({ request, who, onDone }: { request: TabRequestView; who: string; onDone: (said: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <CommandForm<DecisionView>
      formId={`ops:tab-reject:${request.requestId}`}
      submitLabel={t('ops.tabs.reject')}
      build={() => {
        if (!reason.trim()) throw mistake('reason', 'field.empty');
        return {
          command: { method: 'POST', path: `/v1/tab-requests/${request.requestId}/reject`, body: { reason: reason.trim() }, label: t('ops.tabs.reject') },
          draft: { reason },
        };
      }}
      outcome={() => t('ops.tabs.rejected', { name: who })}
      onDone={(_d, said) => onDone(said)}
    >
      {(intent) => (
        <TextInput
          name="reason"
          label={t('ops.tabs.rejectReason')}
          value={reason}
          onValue={setReason}
          error={intent.fieldError('reason')}
          maxLength={200}
          required
        />
      )}
    </CommandForm>
  );
}

/**
 * 赊账账本: the network's tabs per station (one request: GET /v1/tab-book): what
 * is owed, what is overdue by age, and each station's default rate (written off
 * over sold). A station's own tabs, to write one off, are a screen of their own.
 */
export function TabBookScreen() {
  const [book, setBook] = useState<TabBookView | undefined>();
  const load = useAction();
  useEffect(() => void load.run(async () => setBook(await api<TabBookView>('GET', '/v1/tab-book'))), []);
  return (
    <>
      <h1>{t('ops.tabs.book.title')}</h1>
      <p class="hint">{t('ops.tabs.book.intro', { days: writeOffAfterDays })}</p>
      <Notice shown={load.problem} />
      {book && (
        <>
          <Section title={t('ops.tabs.book.totals')} id="tab-totals">
            <Figures
              rows={[
                [t('ops.tabs.owed'), book.totals.owedFen],
                [t('ops.tabs.overdue'), book.totals.overdueFen],
                ...ageBands.map((b): [string, number] => [bandLabel(b), book.totals.overdueByAge[b]]),
              ]}
            />
          </Section>
          <Section title={t('ops.tabs.book.stations')} id="tab-stations">
            {book.items.length === 0 && <p>{t('ops.none')}</p>}
            {book.items.length > 0 && (
              <TableBox label={t('ops.tabs.book.stations')}>
                <table class="data">
                  <caption class="sr-only">{t('ops.tabs.book.stations')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('ops.tabs.station')}</th>
                      <th scope="col">{t('ops.tabs.count')}</th>
                      <th scope="col">{t('ops.tabs.owed')}</th>
                      <th scope="col">{t('ops.tabs.overdue')}</th>
                      {ageBands.map((b) => (
                        <th scope="col" key={b}>
                          {bandLabel(b)}
                        </th>
                      ))}
                      <th scope="col">{t('ops.tabs.defaultRate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {book.items.map((s) => (
                      <tr key={s.stationId} data-station={s.stationId}>
                        <th scope="row">
                          <a href={`#/tabs/${encodeURIComponent(s.stationId)}`}>{s.stationName ?? s.stationId}</a>
                        </th>
                        <td class="num">{s.tabs}</td>
                        <td class="num">{formatFen(s.owedFen)}</td>
                        <td class="num">{formatFen(s.overdueFen)}</td>
                        {ageBands.map((b) => (
                          <td class="num" key={b}>
                            {formatFen(s.overdueByAge[b])}
                          </td>
                        ))}
                        <td class="num">{percent(s.defaultRateBp)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableBox>
            )}
          </Section>
        </>
      )}
    </>
  );
}

/** Days past a tab's oldest unpaid due date (0: nothing overdue). */
const oldestOverdueDays = (tab: TabView) => Math.max(0, ...tab.items.filter((i) => i.amountFen > i.repaidFen).map((i) => i.overdueDays));

/**
 * One station's tabs, read in one call (the API sorts them: the longest overdue
 * first); a tab whose oldest unpaid sale is 180 days overdue may be written off,
 * with a reason. The API decides: a refusal is shown in its words.
 */
export function StationTabsScreen({ stationId }: { stationId: string }) {
  const [found, setFound] = useState<{ tabs: TabView[]; villagers: Map<string, VillagerWithCredit> } | undefined>();
  const [name, setName] = useState<string | undefined>();
  const [news, setNews] = useState<string | undefined>();
  const load = useAction();
  const reload = () =>
    void load.run(async () => {
      const [{ items: tabs }, stations] = await Promise.all([api<{ items: TabView[] }>('GET', `/v1/stations/${stationId}/tabs`), stationNames()]);
      setName(stations.get(stationId));
      setFound({ tabs, villagers: await villagersOf(tabs) });
    });
  useEffect(reload, [stationId]);
  const title = t('ops.tabs.station.title', { station: name ?? stationId });
  return (
    <>
      <p>
        <a href="#/tabs">{t('ops.tabs.book.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="hint">{t('ops.tabs.station.intro', { days: writeOffAfterDays })}</p>
      <Notice shown={load.problem} />
      <Notice kind="ok" shown={news} />
      {found && found.tabs.length === 0 && <p>{t('ops.none')}</p>}
      {found?.tabs.map((tab) => (
        <section class="card" key={`${tab.villagerId}:${tab.status}:${tab.owedFen}`} data-tab={tab.villagerId} aria-labelledby={`tab-${tab.villagerId}`}>
          <h2 id={`tab-${tab.villagerId}`}>{villagerText(found.villagers.get(tab.villagerId), tab.villagerId)}</h2>
          <p>
            {t(`ops.tabs.status.${tab.status}`)}
            {oldestOverdueDays(tab) > 0 && ` · ${t('ops.tabs.oldestOverdue', { days: oldestOverdueDays(tab) })}`}
          </p>
          <Figures
            rows={[
              [t('ops.tabs.limit.short'), tab.limitFen],
              [t('ops.tabs.owed'), tab.owedFen],
              [t('ops.tabs.overdue'), tab.overdueFen],
              [t('ops.tabs.held'), tab.heldFen],
            ]}
          />
          {tab.status !== 'CLOSED' && tab.overdueFen > 0 && (
            <WriteOff
              tab={tab}
              who={found.villagers.get(tab.villagerId)?.name ?? tab.villagerId}
              onDone={(said) => {
                setNews(said);
                reload();
              }}
            />
          )}
        </section>
      ))}
    </>
  );
}

/** Written off with a reason: CLOSED, the platform bears the loss, the partner's held commission is forfeited. Refused before 180 days overdue. */
function WriteOff({ tab, who, onDone }: { tab: TabView; who: string; onDone: (said: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <CommandForm<WriteOffView>
      formId={`ops:tab-write-off:${tab.stationId}:${tab.villagerId}`}
      submitLabel={t('ops.tabs.writeOff')}
      build={() => {
        if (!reason.trim()) throw mistake('reason', 'field.empty');
        return {
          command: {
            method: 'POST',
            path: `/v1/tabs/${tab.stationId}/${tab.villagerId}/write-off`,
            body: { reason: reason.trim() },
            label: t('ops.tabs.writeOff'),
          },
          draft: { reason },
          confirm: t('ops.tabs.writeOffConfirm', { name: who, owed: formatFen(tab.owedFen), held: formatFen(tab.heldFen) }),
        };
      }}
      outcome={(w) => t('ops.tabs.writtenOff', { name: who, owed: formatFen(w.writtenOffFen), held: formatFen(w.commissionForfeitedFen) })}
      onDone={(_w, said) => onDone(said)}
    >
      {(intent) => (
        <TextInput
          name="reason"
          label={t('ops.tabs.writeOffReason')}
          value={reason}
          onValue={setReason}
          error={intent.fieldError('reason')}
          maxLength={200}
          required
        />
      )}
    </CommandForm>
  );
}
