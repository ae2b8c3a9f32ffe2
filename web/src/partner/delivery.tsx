import { taskKinds as kinds } from '#domain/delivery/task.ts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t, type Key } from '../shared/i18n.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { Notice, Section, Select, TextInput, useAction } from '../shared/ui.tsx';
import type { Page, RunView as Run, TaskView as Task } from '../shared/types.ts';

import { taskNote, today, usePartner, villageName } from './context.ts';
import { numberFrom } from './stop-form.tsx';

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
                {t(`kind.${task.kind}` as Key)} · {villageName(station, task.villageId)}
                {task.weightKg > 0 ? ` · ${task.weightKg} ${t('unit.kg')}` : ''} {taskNote(task.note)}
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
