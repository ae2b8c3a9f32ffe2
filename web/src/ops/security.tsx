import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { UserView } from '../shared/types.ts';
import { t } from './texts.ts';

/** What the authenticator app is given: a new secret, as a QR code and as text to type. */
interface Enrolment {
  secret: string;
  qr: string;
}

/** The secret and its QR code are made here, in the operator's browser: only the secret and the app's code go to the API. */
async function newEnrolment(phone: string): Promise<Enrolment> {
  const [{ Secret, TOTP }, { renderSVG }] = await Promise.all([import('otpauth'), import('uqr')]);
  const secret = new Secret({ size: 20 });
  const uri = new TOTP({ issuer: 'VillageStation', label: phone, secret }).toString();
  return { secret: secret.base32, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(uri))}` };
}

const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(' ');

/**
 * 安全: the signed-in operator enrols an authenticator app (TOTP), or moves to a
 * new one with the old one's code (docs/rules.md "Signing in").
 */
export function SecurityScreen() {
  const [me, setMe] = useState<UserView | undefined>();
  const [enrolment, setEnrolment] = useState<Enrolment | undefined>();
  const [code, setCode] = useState('');
  const [current, setCurrent] = useState('');
  const [news, setNews] = useState<string | undefined>();
  const load = useAction();
  const save = useAction();
  // A double tap sends once: the second tap comes before the busy state has rendered.
  const sending = useRef(false);
  useEffect(() => void load.run(async () => setMe(await api<UserView>('GET', '/v1/auth/me'))), []);

  const start = () =>
    void save.run(async () => {
      setNews(undefined);
      setCode('');
      setCurrent('');
      setEnrolment(await newEnrolment(me!.phone));
    });
  const confirm = (e: Event) => {
    e.preventDefault();
    if (!enrolment || sending.current) return;
    sending.current = true;
    void save
      .run(async () => {
        const body = { secret: enrolment.secret, totp: code.trim(), ...(me?.totp ? { currentTotp: current.trim() } : {}) };
        setMe(await api<UserView>('POST', '/v1/auth/totp', { body }));
        setEnrolment(undefined);
        setNews(t('ops.security.done'));
      })
      .finally(() => (sending.current = false));
  };

  return (
    <>
      <h1>{t('ops.security.title')}</h1>
      <p class="hint">{t('ops.security.intro')}</p>
      <Notice shown={load.problem} />
      <Notice kind="ok" shown={news} />
      {me && (
        <Section title={t('ops.security.app')} id="totp">
          <p role="status">{t(me.totp ? 'ops.security.on' : 'ops.security.off', { phone: me.phone })}</p>
          {!enrolment && (
            <button type="button" class="primary" onClick={start} disabled={save.busy}>
              {t(me.totp ? 'ops.security.change' : 'ops.security.start')}
            </button>
          )}
          {enrolment && (
            <form onSubmit={confirm} noValidate>
              <ol class="steps">
                <li>{t('ops.security.step1')}</li>
                <li>
                  {t('ops.security.step2')}
                  <img class="qr" src={enrolment.qr} width={200} height={200} alt={t('ops.security.qrAlt')} />
                  <span class="hint">{t('ops.security.typeInstead')}</span> <code class="secret">{grouped(enrolment.secret)}</code>
                </li>
                <li>{t('ops.security.step3')}</li>
              </ol>
              <TextInput
                name="totp"
                label={t('ops.security.code')}
                value={code}
                onValue={setCode}
                error={save.fieldError('totp')}
                inputMode="numeric"
                autocomplete="one-time-code"
                maxLength={6}
                required
              />
              {me.totp && (
                <TextInput
                  name="currentTotp"
                  label={t('ops.security.current')}
                  hint={t('ops.security.currentHint')}
                  value={current}
                  onValue={setCurrent}
                  error={save.fieldError('currentTotp')}
                  inputMode="numeric"
                  maxLength={6}
                  required
                />
              )}
              <Notice shown={save.problem} />
              <button type="submit" class="primary" disabled={save.busy}>
                {t('ops.security.confirm')}
              </button>{' '}
              <button type="button" class="link" onClick={() => setEnrolment(undefined)}>
                {t('ops.security.cancel')}
              </button>
            </form>
          )}
          {!enrolment && <Notice shown={save.problem} />}
        </Section>
      )}
    </>
  );
}
