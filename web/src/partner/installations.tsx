import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t, type Key } from '../shared/i18n.ts';
import { mistake } from '../shared/mistakes.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { Choice, Notice, Section, Select, TextInput, useAction } from '../shared/ui.tsx';
import { ClaimCard } from './claims.tsx';
import { today, usePartner, villageName } from './context.ts';
import type { CancelledView, ClaimView, InstallationView, Page } from '../shared/types.ts';

const reasons = ['SITE_NOT_READY', 'VILLAGER_ABSENT', 'PART_MISSING', 'VILLAGER_REQUEST'] as const;

/** Installation jobs (today's, to schedule, overdue, later) and the open claims, on one screen. */
export function InstallationsScreen() {
  const { session } = usePartner();
  const [open, setOpen] = useState<InstallationView[]>([]);
  const [scheduled, setScheduled] = useState<InstallationView[]>([]);
  const [claims, setClaims] = useState<ClaimView[]>([]);
  const [news, setNews] = useState<string | undefined>();
  const load = useAction();
  const base = `/v1/stations/${session.stationId}`;
  const refresh = () =>
    void load.run(async () => {
      const [o, s, c, a, r] = await Promise.all([
        api<Page<InstallationView>>('GET', `${base}/installations?status=OPEN&limit=100`),
        api<Page<InstallationView>>('GET', `${base}/installations?status=SCHEDULED&limit=100`),
        api<Page<ClaimView>>('GET', `${base}/claims?status=OPEN&limit=100`),
        api<Page<ClaimView>>('GET', `${base}/claims?status=AWAITING_APPROVAL&limit=100`),
        api<Page<ClaimView>>('GET', `${base}/claims?status=REPAIRING&limit=100`),
      ]);
      setOpen(o.items);
      setScheduled(s.items);
      setClaims([...c.items, ...a.items, ...r.items]);
    });
  useEffect(refresh, []);
  const done = (said: string) => {
    setNews(said);
    refresh();
  };
  const day = today();
  const groups: [Key, InstallationView[]][] = [
    ['install.overdue', scheduled.filter((j) => (j.date ?? '') < day)],
    ['install.today', scheduled.filter((j) => j.date === day)],
    ['install.toSchedule', open],
    ['install.later', scheduled.filter((j) => (j.date ?? '') > day)],
  ];
  return (
    <>
      <h1>{t('aftersales.title')}</h1>
      <Notice shown={load.problem} />
      <Notice kind="ok" shown={news} />
      {groups.map(([title, jobs]) => (
        <Section title={t(title)} key={title} id={title.replace('.', '-')}>
          <ul class="jobs">
            {jobs.map((j) => (
              <Job key={`${j.jobId}:${j.version}`} job={j} onDone={done} />
            ))}
            {jobs.length === 0 && <li class="empty">{t('install.none')}</li>}
          </ul>
        </Section>
      ))}
      <Section title={t('claims.open')} id="claims">
        <ul class="claims">
          {claims.map((c) => (
            <ClaimCard key={`${c.claimId}:${c.version}`} claim={c} onDone={done} />
          ))}
          {claims.length === 0 && <li class="empty">{t('claims.none')}</li>}
        </ul>
      </Section>
    </>
  );
}

function Job({ job, onDone }: { job: InstallationView; onDone: (said: string) => void }) {
  const { station } = usePartner();
  const [date, setDate] = useState(job.date ?? today(1));
  const [installer, setInstaller] = useState('PARTNER');
  const [name, setName] = useState('');
  const [reason, setReason] = useState<string>(reasons[0]);
  const [code, setCode] = useState('');
  const [why, setWhy] = useState('VILLAGER_DECLINED');
  const path = `/v1/installations/${job.jobId}`;
  const form = (suffix: string) => `${suffix}:${job.jobId}:${job.version}`;
  const after = (_r: unknown, said: string) => onDone(said);
  const checkDate = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) throw mistake('date', 'field.date');
    return date.trim();
  };
  return (
    <li class="job">
      <strong>{t('install.job', { title: job.title, qty: job.qty, village: villageName(station, job.villageId) })}</strong>
      {job.date && (
        <p>
          {t('install.on', {
            date: job.date,
            who: job.installer === 'TECHNICIAN' ? t('install.byTechnician', { name: job.technicianName ?? '' }) : t('install.byPartner'),
          })}
        </p>
      )}
      <details>
        <summary>{job.status === 'OPEN' ? t('install.schedule') : t('install.complete')}</summary>
        {job.status === 'OPEN' && (
          <CommandForm<InstallationView>
            formId={form('schedule')}
            submitLabel={t('install.schedule')}
            onDone={after}
            build={() => {
              const d = checkDate();
              if (installer === 'TECHNICIAN' && !name.trim()) throw mistake('technicianName', 'field.technicianName');
              return {
                command: {
                  method: 'POST',
                  path: `${path}/schedule`,
                  body: { date: d, installer, ...(installer === 'TECHNICIAN' ? { technicianName: name.trim() } : {}) },
                  label: t('install.scheduleLabel', { title: job.title }),
                },
              };
            }}
            outcome={(j) => t('install.scheduled', { date: j.date ?? '' })}
          >
            {(intent) => (
              <>
                <TextInput name="date" type="date" label={t('install.date')} value={date} onValue={setDate} error={intent.fieldError('date')} required />
                <Choice
                  legend={t('install.who')}
                  name={`installer-${job.jobId}`}
                  value={installer}
                  onValue={setInstaller}
                  options={[
                    ['PARTNER', t('install.partner')],
                    ['TECHNICIAN', t('install.technician')],
                  ]}
                />
                {installer === 'TECHNICIAN' && (
                  <TextInput
                    name="technicianName"
                    label={t('install.technicianName')}
                    value={name}
                    onValue={setName}
                    error={intent.fieldError('technicianName')}
                  />
                )}
              </>
            )}
          </CommandForm>
        )}
        {job.status === 'SCHEDULED' && (
          <>
            <CommandForm<InstallationView>
              formId={form('complete')}
              submitLabel={t('install.complete')}
              onDone={after}
              build={() => {
                if (!/^\d{6}$/.test(code.trim())) throw mistake('deliveryCode', 'field.deliveryCode');
                return {
                  command: {
                    method: 'POST',
                    path: `${path}/complete`,
                    body: { deliveryCode: code.trim() },
                    label: t('install.completeLabel', { title: job.title }),
                  },
                };
              }}
              outcome={() => t('install.done')}
            >
              {(intent) => (
                <TextInput
                  name="deliveryCode"
                  inputMode="numeric"
                  autocomplete="off"
                  label={t('orders.code')}
                  hint={t('install.codeHint')}
                  value={code}
                  onValue={setCode}
                  error={intent.fieldError('deliveryCode')}
                  required
                />
              )}
            </CommandForm>
            <CommandForm<InstallationView>
              formId={form('reschedule')}
              title={t('install.reschedule')}
              submitLabel={t('install.reschedule')}
              onDone={after}
              build={() => ({
                command: {
                  method: 'POST',
                  path: `${path}/reschedule`,
                  body: { date: checkDate(), reason },
                  label: t('install.rescheduleLabel', { title: job.title }),
                },
              })}
              outcome={(j) => t('install.moved', { date: j.date ?? '' })}
            >
              {(intent) => (
                <>
                  <TextInput name="date" type="date" label={t('install.date')} value={date} onValue={setDate} error={intent.fieldError('date')} required />
                  <Select
                    name="reason"
                    label={t('install.reason')}
                    value={reason}
                    onValue={setReason}
                    options={reasons.map((r) => [r, t(`reason.${r}` as Key)])}
                    error={intent.fieldError('reason')}
                  />
                </>
              )}
            </CommandForm>
          </>
        )}
        <CommandForm<CancelledView>
          formId={form('cancel')}
          title={t('install.cancel')}
          submitLabel={t('install.cancel')}
          onDone={after}
          build={() => ({ command: { method: 'POST', path: `${path}/cancel`, body: { reason: why }, label: t('install.cancelLabel', { title: job.title }) } })}
          outcome={(j) => (j.claim ? `${t('install.cancelledClaim')} ${j.claim.says.join(' ')}` : t('install.cancelled'))}
        >
          {() => (
            <Choice
              legend={t('install.cancelReason')}
              name={`cancel-${job.jobId}`}
              value={why}
              onValue={setWhy}
              options={[
                ['VILLAGER_DECLINED', t('cancel.VILLAGER_DECLINED')],
                ['DEAD_ON_ARRIVAL', t('cancel.DEAD_ON_ARRIVAL')],
              ]}
            />
          )}
        </CommandForm>
      </details>
    </li>
  );
}
