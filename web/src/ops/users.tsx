import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { CommandForm, RowCommand } from '../shared/intent-ui.tsx';
import { Notice, Section, Select, TextInput, useAction } from '../shared/ui.tsx';
import type { Page, UserView } from '../shared/types.ts';
import { TableBox } from './table-box.tsx';
import { t } from './texts.ts';

const readUsers = async () => (await api<Page<UserView>>('GET', '/v1/users?limit=100')).items;
const readStations = async () => (await api<Page<{ stationId: string; name: string }>>('GET', '/v1/stations?limit=100')).items;

const roleText = (role: UserView['role']) => t(`ops.users.role.${role}`);

/**
 * 用户: ops add a partner to a station (or an operator) by phone, move a partner to
 * another station, disable or enable anyone; each change ends the user's sign-ins
 * at once where it must (docs/rules.md "Signing in").
 */
export function UsersScreen() {
  const [items, setItems] = useState<UserView[] | undefined>();
  const [stations, setStations] = useState<{ stationId: string; name: string }[]>([]);
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'partner' | 'ops'>('partner');
  const [stationId, setStationId] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const [news, setNews] = useState<string | undefined>();
  const load = useAction();
  const reload = () =>
    void load.run(async () => {
      const [users, list] = await Promise.all([readUsers(), readStations()]);
      setItems(users);
      setStations(list);
      if (!stationId && list[0]) setStationId(list[0].stationId);
      if (!moveTo && list[0]) setMoveTo(list[0].stationId);
    });
  useEffect(reload, []);
  const stationName = (id: string | undefined) => stations.find((s) => s.stationId === id)?.name ?? id ?? '—';
  const stationOptions = stations.map((s): [string, string] => [s.stationId, s.name]);
  const changed = (user: UserView) => t('ops.users.changed', { name: user.name });
  const done = (said: string) => {
    setNews(said);
    reload();
  };
  return (
    <>
      <h1>{t('ops.users.title')}</h1>
      <p class="hint">{t('ops.users.intro')}</p>
      <Notice shown={load.problem} />
      <Section title={t('ops.users.add')} id="add-user">
        <CommandForm<UserView>
          formId="ops:user"
          submitLabel={t('ops.users.save')}
          build={() => ({
            command: {
              method: 'POST',
              path: '/v1/users',
              body: { phone: phone.trim(), name: name.trim(), role, ...(role === 'partner' ? { stationId: stationId || stations[0]?.stationId } : {}) },
              label: t('ops.users.save'),
            },
            draft: { phone, name, role, stationId },
          })}
          outcome={(u) => t('ops.users.added', { name: u.name, phone: u.phone })}
          onDone={() => {
            setPhone('');
            setName('');
            reload();
          }}
          again={t('ops.users.another')}
        >
          {(intent) => (
            <>
              <TextInput
                name="phone"
                label={t('ops.users.phone')}
                value={phone}
                onValue={setPhone}
                error={intent.fieldError('phone')}
                inputMode="tel"
                required
              />
              <TextInput name="name" label={t('ops.users.name')} value={name} onValue={setName} error={intent.fieldError('name')} required />
              <Select
                name="role"
                label={t('ops.users.role')}
                value={role}
                onValue={(v) => setRole(v as 'partner' | 'ops')}
                options={[
                  ['partner', roleText('partner')],
                  ['ops', roleText('ops')],
                ]}
              />
              {role === 'partner' && (
                <Select
                  name="stationId"
                  label={t('ops.users.station')}
                  value={stationId}
                  onValue={setStationId}
                  options={stationOptions}
                  error={intent.fieldError('stationId')}
                />
              )}
            </>
          )}
        </CommandForm>
      </Section>
      <Section title={t('ops.users.list')} id="users">
        <Notice kind="ok" shown={news} />
        {stations.length > 0 && <Select name="moveTo" label={t('ops.users.station')} value={moveTo} onValue={setMoveTo} options={stationOptions} />}
        {items && items.length === 0 && <p>{t('ops.none')}</p>}
        {items && items.length > 0 && (
          <TableBox label={t('ops.users.list')}>
            <table class="data">
              <caption class="sr-only">{t('ops.users.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ops.users.name')}</th>
                  <th scope="col">{t('ops.users.phone')}</th>
                  <th scope="col">{t('ops.users.role')}</th>
                  <th scope="col">{t('ops.users.station')}</th>
                  <th scope="col">{t('ops.users.status')}</th>
                  <th scope="col">
                    <span class="sr-only">{t('ops.synonyms.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr key={`${u.userId}:${u.updatedAt}`}>
                    <th scope="row">{u.name}</th>
                    <td>{u.phone || '—'}</td>
                    <td>{roleText(u.role)}</td>
                    <td>{stationName(u.stationId)}</td>
                    <td>{u.disabled ? t('ops.users.disabled') : t('ops.users.active')}</td>
                    <td class="actions">
                      <RowCommand<UserView>
                        formId={`ops:user-disable:${u.userId}:${u.updatedAt}`}
                        label={t(u.disabled ? 'ops.users.enable' : 'ops.users.disable', { name: u.name })}
                        command={{ method: 'PATCH', path: `/v1/users/${u.userId}`, body: { disabled: !u.disabled } }}
                        outcome={changed}
                        onDone={done}
                      />
                      {u.role === 'partner' && moveTo && moveTo !== u.stationId && (
                        <RowCommand<UserView>
                          formId={`ops:user-move:${u.userId}:${u.updatedAt}:${moveTo}`}
                          label={t('ops.users.move', { name: u.name })}
                          command={{ method: 'PATCH', path: `/v1/users/${u.userId}`, body: { stationId: moveTo } }}
                          outcome={changed}
                          onDone={done}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        )}
      </Section>
    </>
  );
}
