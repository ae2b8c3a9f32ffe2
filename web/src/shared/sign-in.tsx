import { useEffect, useState } from 'preact/hooks';
import { demoLogins, pairKiosk, requestCode, SignInRefused, signInLocal, signInPhone, type DemoLogin, type Session } from './auth.ts';
import { pageConfig, type PageConfig } from './config.ts';
import { t } from './i18n.ts';
import { Notice, TextInput, useAction } from './ui.tsx';

/**
 * Signing in by phone and SMS code, in AWS and locally alike (an operator with an
 * authenticator app is then asked for its code). Locally the demo accounts are
 * offered too, and the stand-in gateway's codes for the demo phones are in
 * `npm start`'s log.
 */
export function SignIn({ onSession, role }: { onSession: (s: Session) => void; role: 'partner' | 'kiosk' | 'ops' }) {
  const [config, setConfig] = useState<PageConfig | undefined>();
  const [logins, setLogins] = useState<DemoLogin[]>([]);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [totp, setTotp] = useState('');
  const [sent, setSent] = useState(false);
  const [needsTotp, setNeedsTotp] = useState(false);
  const action = useAction();

  useEffect(() => {
    void pageConfig().then((c) => {
      setConfig(c);
      if (c.auth === 'local') void action.run(async () => setLogins((await demoLogins()).filter((l) => l.role === role)));
    });
  }, []);

  if (!config) return null;
  return (
    <main class="sign-in" id="main">
      <h1>{t('app.title')}</h1>
      <p>{role === 'kiosk' ? t('signIn.pairIntro') : t('signIn.intro')}</p>
      <Notice shown={action.problem} />
      {role === 'kiosk' ? (
        <form
          class="pair-kiosk"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(async () => onSession(await pairKiosk(code)));
          }}
        >
          <TextInput name="pairing" label={t('signIn.pairCode')} value={code} onValue={setCode} inputMode="numeric" pattern="\d{8}" required />
          <button class="big primary" type="submit" disabled={action.busy}>
            {t('signIn.pair')}
          </button>
        </form>
      ) : (
        <form
          class="phone-sign-in"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(async () => {
              if (!sent) {
                await requestCode(phone);
                setSent(true);
                return;
              }
              try {
                onSession(await signInPhone(phone, code, needsTotp ? totp : undefined));
              } catch (error) {
                if (error instanceof SignInRefused && error.needsTotp) setNeedsTotp(true);
                throw error;
              }
            });
          }}
        >
          <TextInput name="phone" label={t('signIn.phone')} value={phone} onValue={setPhone} autocomplete="tel" inputMode="tel" pattern="1\d{10}" required />
          {sent ? (
            <>
              <p role="status">{t('signIn.codeSent')}</p>
              <TextInput
                name="code"
                label={t('signIn.code')}
                value={code}
                onValue={setCode}
                autocomplete="one-time-code"
                inputMode="numeric"
                pattern="\d{6}"
                required
              />
              {needsTotp ? (
                <TextInput
                  name="totp"
                  label={t('signIn.authenticatorCode')}
                  value={totp}
                  onValue={setTotp}
                  autocomplete="one-time-code"
                  inputMode="numeric"
                  pattern="\d{6}"
                  required
                />
              ) : null}
            </>
          ) : null}
          <button class="big primary" type="submit" disabled={action.busy}>
            {sent ? t('signIn.submit') : t('signIn.getCode')}
          </button>
        </form>
      )}
      {config.auth === 'local' && logins.length > 0 ? (
        <>
          <p>{t('signIn.demo')}</p>
          <ul class="logins">
            {logins.map((login) => (
              <li key={login.stationId ?? login.role}>
                <button class="big" disabled={action.busy} onClick={() => void action.run(async () => onSession(await signInLocal(login)))}>
                  {login.who}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </main>
  );
}
