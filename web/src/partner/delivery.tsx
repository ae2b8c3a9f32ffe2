import { taskKinds as kinds } from '#domain/delivery/task.ts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t, type Key } from '../shared/i18n.ts';
import { fenToYuanInput, formatFen, normaliseAmount, yuanToFen } from '../shared/money.ts';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { CommandForm, IntentStatus, useIntent } from '../shared/intent-ui.tsx';
import { Money, Notice, Section, Select, TextInput, useAction } from '../shared/ui.tsx';
import type { Page, RunSheetView as Sheet, RunView as Run, StopView as Stop, TaskView as Task } from '../shared/types.ts';

type SheetStop = Sheet['trips'][number]['stops'][number];

/** A number typed by a partner (full-width digits, 公斤 and all); a form mistake on that field otherwise. */
function numberFrom(text: string, field: string): number {
  const plain = normaliseAmount(text).replace(/(公斤|kg|千克|件)$/i, '');
  if (/^-/.test(plain)) throw mistake(field, 'field.countNegative');
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(plain)) throw mistake(field, 'field.weight');
  return Number(plain);
}
import { today, usePartner, villageName } from './context.ts';

export function DeliveryScreen() {
  const { station, go } = usePartner();
  const [date, setDate] = useState(today(1));
  const [tasks, setTasks] = useState<Task[]>([]);
  const [runs, setRuns] = useState<Run[]>([]);
  const [villageId, setVillageId] = useState(station.villages[0]?.villageId ?? '');
  const [kind, setKind] = useState<string>('PRODUCE');
  const [weight, setWeight] = useState('');
  const [note, setNote] = useState('');
  const [capacity, setCapacity] = useState('150');
  const [maxParcels, setMaxParcels] = useState('20');
  const load = useAction();
  const refresh = () =>
    void load.run(async () => {
      setTasks((await api<Page<Task>>('GET', `/v1/stations/${station.stationId}/tasks?date=${date}`)).items);
      setRuns((await api<Page<Run>>('GET', `/v1/stations/${station.stationId}/delivery-runs?date=${date}`)).items);
    });
  useEffect(refresh, [date]);

  return (
    <>
      <h1>{t('nav.delivery')}</h1>
      <TextInput name="date" type="date" label={t('delivery.date')} value={date} onValue={setDate} />
      <Notice shown={load.problem} />
      <Section title={t('delivery.runs')} id="runs">
        <ul class="rows">
          {runs.map((r) => (
            <li key={r.runId}>
              <a href={`#/runs/${r.runId}`}>
                {t(`runStatus.${r.status}` as Key)} · {t('delivery.stopsKm', { stops: r.summary.stops, km: r.distanceKm.toFixed(1) })}
              </a>
            </li>
          ))}
          {runs.length === 0 && <li class="empty">{t('delivery.noRuns')}</li>}
        </ul>
        <CommandForm<Run>
          formId={`plan:${date}`}
          submitLabel={t('delivery.plan')}
          build={() => ({
            command: {
              method: 'POST',
              path: `/v1/stations/${station.stationId}/delivery-runs`,
              body: { date, capacityKg: numberFrom(capacity, 'capacityKg'), maxParcels: numberFrom(maxParcels, 'maxParcels') },
              label: t('delivery.planLabel', { date }),
            },
          })}
          outcome={(r) => t('delivery.planned', { stops: r.summary.stops })}
          onDone={(r) => go(`#/runs/${r.runId}`)}
        >
          {(intent) => (
            <div class="row2">
              <TextInput
                name="capacityKg"
                inputMode="decimal"
                label={t('delivery.capacity')}
                value={capacity}
                onValue={setCapacity}
                error={intent.fieldError('capacityKg')}
              />
              <TextInput
                name="maxParcels"
                inputMode="numeric"
                label={t('delivery.maxParcels')}
                value={maxParcels}
                onValue={setMaxParcels}
                error={intent.fieldError('maxParcels')}
              />
            </div>
          )}
        </CommandForm>
      </Section>
      <Section title={t('delivery.tasks')} id="tasks">
        <ul class="rows">
          {tasks.map((task) => (
            <li key={task.taskId}>
              <span>
                {t(`kind.${task.kind}` as Key)} · {villageName(station, task.villageId)} · {task.weightKg} kg {task.note ?? ''}
              </span>
              <span>{t(`taskStatus.${task.status}` as Key)}</span>
            </li>
          ))}
          {tasks.length === 0 && <li class="empty">{t('delivery.noTasks')}</li>}
        </ul>
        <CommandForm
          formId="task:new"
          title={t('delivery.book')}
          submitLabel={t('delivery.book')}
          again={t('delivery.bookAnother')}
          build={() => ({
            command: {
              method: 'POST',
              path: `/v1/stations/${station.stationId}/tasks`,
              body: { villageId, date, kind, weightKg: weight.trim() ? numberFrom(weight, 'weightKg') : 0, ...(note.trim() ? { note: note.trim() } : {}) },
              label: t('delivery.bookLabel', { village: villageName(station, villageId) }),
            },
          })}
          outcome={() => t('delivery.booked')}
          onDone={() => {
            setWeight('');
            setNote('');
            refresh();
          }}
        >
          {(intent) => (
            <>
              <Select
                name="villageId"
                label={t('villagers.village')}
                value={villageId}
                onValue={setVillageId}
                options={station.villages.map((v) => [v.villageId, v.name])}
                error={intent.fieldError('villageId')}
              />
              <Select
                name="kind"
                label={t('delivery.kind')}
                value={kind}
                onValue={setKind}
                options={kinds.map((k): [string, string] => [k, t(`kind.${k}` as Key)])}
              />
              <TextInput
                name="weightKg"
                inputMode="decimal"
                label={t('delivery.weight')}
                value={weight}
                onValue={setWeight}
                error={intent.fieldError('weightKg')}
              />
              <TextInput name="note" label={t('delivery.note')} value={note} onValue={setNote} error={intent.fieldError('note')} />
            </>
          )}
        </CommandForm>
      </Section>
    </>
  );
}

interface StopDraft {
  codes: Record<string, string>;
  cash: Record<string, string>;
  failed: Record<string, string>;
  done: Record<string, boolean>;
  kg: Record<string, string>;
}

function StopForm({ run, stop, sheetStop, onDone }: { run: Run; stop: Stop; sheetStop: SheetStop; onDone: () => void }) {
  const intent = useIntent(`stop:${stop.stopId}`);
  const [codes, setCodes] = useState<Record<string, string>>({});
  // What each parcel still owes, ready to be collected (kept in the intent's draft across a reload).
  const [cash, setCash] = useState<Record<string, string>>(() =>
    Object.fromEntries(sheetStop.parcels.map((p) => [p.orderId, p.cashToCollectFen > 0 ? fenToYuanInput(p.cashToCollectFen) : ''])),
  );
  /** Parcels not delivered, and why. */
  const [failed, setFailed] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Record<string, boolean>>({});
  const [kg, setKg] = useState<Record<string, string>>({});
  useEffect(() => {
    const d = intent.intent?.draft as StopDraft | undefined;
    if (d && intent.intent?.state !== 'done') {
      setCodes(d.codes);
      setCash(d.cash);
      setFailed(d.failed);
      setDone(d.done);
      setKg(d.kg);
    }
  }, [intent.intent?.key]);
  useEffect(() => {
    if (intent.done) onDone();
  }, [intent.done?.key]);
  const parcels = sheetStop.parcels;
  const collecting = parcels.filter((p) => !(p.orderId in failed)).reduce((n, p) => n + (yuanToFen(cash[p.orderId] ?? '') ?? 0), 0);
  return (
    <form
      class="command"
      onSubmit={(e) => {
        e.preventDefault();
        intent.submit(() => {
          const deliveries = parcels.map((p, i) =>
            p.orderId in failed
              ? { orderId: p.orderId, outcome: 'FAILED', reason: failed[p.orderId] || t('delivery.nobodyHome') }
              : {
                  orderId: p.orderId,
                  outcome: 'DELIVERED',
                  deliveryCode: (codes[p.orderId] ?? '').trim(),
                  cashCollectedFen: fenFromField(cash[p.orderId] ?? '', `deliveries.${i}.cashCollectedFen`),
                },
          );
          const pickups = stop.pickups.map((taskId, i) => {
            const weight = (kg[taskId] ?? '').trim();
            // Produce weighed and entered is produce collected: it is never dropped for want of a tick.
            if (weight && !done[taskId]) throw mistake(`pickups.${i}.collectedKg`, 'field.weightNeeded');
            return { taskId, done: Boolean(done[taskId]), ...(weight ? { collectedKg: numberFrom(weight, `pickups.${i}.collectedKg`) } : {}) };
          });
          const totalFen = deliveries.reduce((n, d) => n + (d.cashCollectedFen ?? 0), 0);
          return {
            command: {
              method: 'POST',
              path: `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`,
              body: { deliveries, pickups },
              label: t('delivery.stopLabel', { village: sheetStop.villageName }),
            },
            draft: { codes, cash, failed, done, kg } satisfies StopDraft,
            ...(totalFen > 0 ? { confirm: t('delivery.stopConfirm', { amount: formatFen(totalFen) }) } : {}),
          };
        });
      }}
    >
      <fieldset class="plain" disabled={intent.locked || Boolean(intent.confirming)}>
        <legend class="sr-only">{t('delivery.stopLabel', { village: sheetStop.villageName })}</legend>
        {parcels.map((p, i) => (
          <fieldset key={p.orderId} class="parcel">
            <legend>
              {p.villagerName} · {t('delivery.toCollect', { amount: formatFen(p.cashToCollectFen) })}
            </legend>
            <label>
              <input
                type="checkbox"
                checked={p.orderId in failed}
                onChange={(e) =>
                  setFailed((f) => {
                    const { [p.orderId]: _was, ...rest } = f;
                    return (e.target as HTMLInputElement).checked ? { ...f, [p.orderId]: '' } : rest;
                  })
                }
              />{' '}
              {t('delivery.failed')}
            </label>
            {p.orderId in failed ? (
              <TextInput
                name={`deliveries.${i}.reason`}
                label={t('delivery.why')}
                value={failed[p.orderId] ?? ''}
                onValue={(v) => setFailed((f) => ({ ...f, [p.orderId]: v }))}
                error={intent.fieldError(`deliveries.${i}.reason`)}
              />
            ) : (
              <>
                <TextInput
                  name={`deliveries.${i}.deliveryCode`}
                  inputMode="numeric"
                  autocomplete="off"
                  label={t('orders.code')}
                  value={codes[p.orderId] ?? ''}
                  onValue={(v) => setCodes((c) => ({ ...c, [p.orderId]: v }))}
                  error={intent.fieldError(`deliveries.${i}.deliveryCode`)}
                />
                <TextInput
                  name={`deliveries.${i}.cashCollectedFen`}
                  inputMode="decimal"
                  autocomplete="off"
                  label={t('orders.cashNow')}
                  value={cash[p.orderId] ?? ''}
                  onValue={(v) => setCash((c) => ({ ...c, [p.orderId]: v }))}
                  error={intent.fieldError(`deliveries.${i}.cashCollectedFen`)}
                />
              </>
            )}
          </fieldset>
        ))}
        {stop.pickups.map((taskId, i) => {
          const pickup = sheetStop.pickups.find((x) => x.taskId === taskId);
          return (
            <fieldset key={taskId} class="parcel">
              <legend>{pickup ? `${t(`kind.${pickup.kind}` as Key)} ${pickup.villagerName ?? ''} ${pickup.note ?? ''}` : taskId}</legend>
              <label>
                <input
                  type="checkbox"
                  checked={Boolean(done[taskId])}
                  onChange={(e) => setDone((d) => ({ ...d, [taskId]: (e.target as HTMLInputElement).checked }))}
                />{' '}
                {t('delivery.taskDone')}
              </label>
              <TextInput
                name={`pickups.${i}.collectedKg`}
                inputMode="decimal"
                autocomplete="off"
                label={t('delivery.collectedKg')}
                value={kg[taskId] ?? ''}
                onValue={(v) => {
                  setKg((k) => ({ ...k, [taskId]: v }));
                  if (v.trim()) setDone((d) => ({ ...d, [taskId]: true }));
                }}
                error={intent.fieldError(`pickups.${i}.collectedKg`)}
              />
            </fieldset>
          );
        })}
      </fieldset>
      {collecting > 0 && <p class="hint">{t('delivery.collecting', { amount: formatFen(collecting) })}</p>}
      <IntentStatus intent={intent} submitLabel={t('delivery.recordStop')} outcome={() => t('delivery.stopRecorded')} />
    </form>
  );
}

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
                          {p.lines.map((l) => `${l.title} ×${l.qty}`).join('、')} ({p.weightKg} kg)
                        </td>
                        <td>
                          <Money fen={p.cashToCollectFen} />
                        </td>
                        <td class="sign" />
                      </tr>
                    ))}
                    {stop.pickups.map((x) => (
                      <tr key={x.taskId}>
                        <td>{x.villagerName ?? ''}</td>
                        <td>
                          {t(`kind.${x.kind}` as Key)} {x.note ?? ''} ({x.weightKg} kg)
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
