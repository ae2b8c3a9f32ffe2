import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from '../shared/i18n.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { Choice, Notice, Section, Select, TextInput, useAction, useLatest } from '../shared/ui.tsx';
import type { Page, VillagerView } from '../shared/types.ts';
import { usePartner, villageName } from './context.ts';

export type { VillagerView };

/** Find by the start of a name or a phone number. */
export function VillagerSearch({
  onPick,
  pickLabel,
  also,
}: {
  onPick: (v: VillagerView) => void;
  pickLabel: string;
  /** A second button on each row (the villager's tab). */
  also?: { label: string; onPick: (v: VillagerView) => void };
}) {
  const { station } = usePartner();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<VillagerView[] | undefined>();
  const action = useAction();
  const request = useLatest();
  useEffect(() => {
    const isLatest = request();
    const timer = setTimeout(() => {
      void action.run(async () => {
        const page = await api<Page<VillagerView>>(
          'GET',
          `/v1/stations/${station.stationId}/villagers?limit=8${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`,
        );
        if (isLatest()) setFound(page.items);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <div>
      <TextInput name="villagerSearch" type="search" label={t('villagers.search')} hint={t('villagers.searchHint')} value={q} onValue={setQ} />
      <Notice shown={action.problem} />
      <ul class={found ? 'rows' : 'rows found'} aria-live="polite">
        {(found ?? []).map((v) => (
          <li key={v.villagerId}>
            <span>
              <strong>{v.name}</strong> {v.phone ?? ''} · {villageName(station, v.villageId)}
            </span>
            <span class="row-actions">
              <button onClick={() => onPick(v)}>{pickLabel}</button>
              {also && <button onClick={() => also.onPick(v)}>{also.label}</button>}
            </span>
          </li>
        ))}
        {found?.length === 0 && !action.busy && <li class="empty">{t('villagers.none')}</li>}
      </ul>
    </div>
  );
}

export function RegisterVillager({ onRegistered, formId }: { onRegistered: (v: VillagerView) => void; formId: string }) {
  const { station } = usePartner();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [villageId, setVillageId] = useState(station.villages[0]?.villageId ?? '');
  const [addressNote, setAddressNote] = useState('');
  const [consent, setConsent] = useState(false);
  const [noSms, setNoSms] = useState(false);

  return (
    <CommandForm<VillagerView>
      formId={formId}
      submitLabel={t('villagers.register')}
      again={t('villagers.another')}
      build={() => {
        const body = {
          name: name.trim(),
          villageId,
          consent,
          ...(phone.trim() ? { phone: phone.trim(), messages: noSms ? ('NONE' as const) : ('SMS' as const) } : {}),
          ...(addressNote.trim() ? { addressNote: addressNote.trim() } : {}),
        };
        return {
          command: { method: 'POST', path: `/v1/stations/${station.stationId}/villagers`, body, label: t('villagers.registering', { name: body.name }) },
        };
      }}
      outcome={(v) => t('villagers.registered', { name: v.name })}
      onDone={(v) => {
        setName('');
        setPhone('');
        setAddressNote('');
        setConsent(false);
        setNoSms(false);
        onRegistered(v);
      }}
    >
      {(intent) => (
        <>
          <TextInput name="name" label={t('villagers.name')} value={name} onValue={setName} error={intent.fieldError('name')} required autocomplete="off" />
          <TextInput
            name="phone"
            type="tel"
            inputMode="numeric"
            label={t('villagers.phone')}
            hint={t('villagers.phoneHint')}
            value={phone}
            onValue={setPhone}
            error={intent.fieldError('phone')}
          />
          {phone.trim() && (
            <div class="field check">
              <label>
                <input type="checkbox" name="noSms" checked={noSms} onChange={(e) => setNoSms((e.target as HTMLInputElement).checked)} /> {t('villagers.noSms')}
              </label>
            </div>
          )}
          <Select
            name="villageId"
            label={t('villagers.village')}
            value={villageId}
            onValue={setVillageId}
            options={station.villages.map((v) => [v.villageId, v.name])}
            error={intent.fieldError('villageId')}
          />
          <TextInput name="addressNote" label={t('villagers.address')} value={addressNote} onValue={setAddressNote} error={intent.fieldError('addressNote')} />
          <div class={`field check${intent.fieldError('consent') ? ' has-error' : ''}`}>
            <label>
              <input type="checkbox" name="consent" checked={consent} onChange={(e) => setConsent((e.target as HTMLInputElement).checked)} />{' '}
              {t('villagers.consent')}
            </label>
            {intent.fieldError('consent') && (
              <p class="error" role="alert">
                {intent.fieldError('consent')}
              </p>
            )}
          </div>
        </>
      )}
    </CommandForm>
  );
}

export function VillagersScreen() {
  const { go } = usePartner();
  return (
    <>
      <h1>{t('nav.villagers')}</h1>
      <Section title={t('villagers.find')} id="find-villager">
        <VillagerSearch
          pickLabel={t('villagers.orderFor')}
          onPick={(v) => go(`#/order/${v.villagerId}`)}
          also={{ label: t('villagers.tab'), onPick: (v) => go(`#/tab/${v.villagerId}`) }}
        />
      </Section>
      <Section title={t('villagers.new')} id="new-villager">
        <RegisterVillager formId="villager:new" onRegistered={() => undefined} />
      </Section>
    </>
  );
}

type Preference = 'STATION' | 'HOME';
type Channel = 'IN_PERSON' | 'PHONE_CALL';

/**
 * Where couriers' parcels for the villager go (docs/rules.md "Parcels"): their
 * consent, recorded with how they gave it; the API keeps when and by whom.
 */
export function ParcelPreference() {
  const { station } = usePartner();
  const [villager, setVillager] = useState<VillagerView | undefined>();
  const [preference, setPreference] = useState<Preference>('HOME');
  const [via, setVia] = useState<Channel>('IN_PERSON');
  const [round, setRound] = useState(0);
  const now = villager?.deliveryPreference;
  return (
    <>
      <VillagerSearch
        pickLabel={t('villagers.pickForParcels')}
        onPick={(v) => {
          setVillager(v);
          setPreference(v.deliveryPreference?.preference === 'HOME' ? 'STATION' : 'HOME');
          setRound((n) => n + 1);
        }}
      />
      {villager && (
        <CommandForm<{ deliveryPreference: NonNullable<VillagerView['deliveryPreference']> }>
          key={`${villager.villagerId}:${round}`}
          formId={`villager:preference:${villager.villagerId}`}
          title={villager.name}
          submitLabel={t('villagers.preferenceSave')}
          build={() => ({
            command: {
              method: 'PUT',
              path: `/v1/stations/${station.stationId}/villagers/${villager.villagerId}/delivery-preference`,
              body: { preference, via },
              label: `${villager.name} · ${t(`villagers.preference.${preference}`)}`,
            },
            draft: { preference, via },
          })}
          outcome={(r) => t('villagers.preferenceSaved', { what: t(`villagers.preference.${r.deliveryPreference.preference}`) })}
          onDone={(r) => setVillager({ ...villager, deliveryPreference: r.deliveryPreference })}
        >
          {() => (
            <>
              <p data-testid="preference-now">
                {now
                  ? t('villagers.preferenceNow', {
                      what: t(`villagers.preference.${now.preference}`),
                      when: new Date(now.givenAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
                    })
                  : t('villagers.preferenceNone')}
              </p>
              <Choice
                legend={t('villagers.parcelsWhere')}
                name="preference"
                value={preference}
                onValue={(v) => setPreference(v as Preference)}
                options={[
                  ['STATION', t('villagers.preference.STATION')],
                  ['HOME', t('villagers.preference.HOME')],
                ]}
              />
              <Choice
                legend={t('villagers.via')}
                name="via"
                value={via}
                onValue={(v) => setVia(v as Channel)}
                options={[
                  ['IN_PERSON', t('villagers.via.IN_PERSON')],
                  ['PHONE_CALL', t('villagers.via.PHONE_CALL')],
                ]}
              />
            </>
          )}
        </CommandForm>
      )}
    </>
  );
}
