import { useEffect, useState } from 'preact/hooks';
import { demoLogins, signInCognito, signInLocal, type CognitoChallenge, type DemoLogin, type Session } from './auth.ts';
import { pageConfig, type PageConfig } from './config.ts';
import { t } from './i18n.ts';
import { Notice, TextInput, useAction } from './ui.tsx';

/** Locally: choose a demo partner. In AWS: the Cognito user pool (with the first-sign-in new password, and an operator's authenticator code). */
export function SignIn({ onSession, role }: { onSession: (s: Session) => void; role: 'partner' | 'kiosk' | 'ops' }) {
  const [config, setConfig] = useState<PageConfig | undefined>();
  const [logins, setLogins] = useState<DemoLogin[]>([]);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<{ challenge: CognitoChallenge; challengeSession: string } | undefined>();
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
      <p>{t('signIn.intro')}</p>
      <Notice shown={action.problem} />
      {config.auth === 'local' ? (
        <ul class="logins">
          {logins.map((login) => (
            <li key={login.stationId ?? login.role}>
              <button class="big" disabled={action.busy} onClick={() => void action.run(async () => onSession(await signInLocal(login)))}>
                {login.who}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(async () => {
              const step = await signInCognito(username, password, challenge);
              if ('session' in step) onSession(step.session);
              else {
                setChallenge({ challenge: step.challenge, challengeSession: step.challengeSession });
                setPassword('');
              }
            });
          }}
        >
          <TextInput name="username" label={t('signIn.username')} value={username} onValue={setUsername} autocomplete="username" required />
          {challenge?.challenge === 'SOFTWARE_TOKEN_MFA' ? (
            <TextInput
              name="code"
              label={t('signIn.authenticatorCode')}
              value={password}
              onValue={setPassword}
              autocomplete="one-time-code"
              inputMode="numeric"
              pattern="\d{6}"
              required
            />
          ) : (
            <TextInput
              name="password"
              type="password"
              label={challenge ? t('signIn.newPassword') : t('signIn.password')}
              value={password}
              onValue={setPassword}
              autocomplete={challenge ? 'new-password' : 'current-password'}
              required
            />
          )}
          <button class="big primary" type="submit" disabled={action.busy}>
            {t('signIn.submit')}
          </button>
        </form>
      )}
    </main>
  );
}
