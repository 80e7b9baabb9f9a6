import { useId, useRef, useState, type FormEvent } from 'react';
import type { Principal } from '../../../protocol/auth.schema';
import { useT } from '../../i18n/use-t';
import { login } from '../../net/auth-api';
import { loginErrorText } from './login-errors';

/** User name and password; Enter submits, and a refusal is read out and puts the cursor back in the password. */
export function LoginForm({ onSignedIn }: { onSignedIn: (principal: Principal) => void }) {
  const { t, intl } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // User names are lower-case only (UserName in the protocol), so "NguyenVanA" means "nguyenvana".
      onSignedIn(await login({ username: username.trim().toLowerCase(), password }));
    } catch (err) {
      setError(loginErrorText(err, t, intl));
      setBusy(false);
      passwordRef.current?.focus();
      passwordRef.current?.select();
    }
  };

  const described = error ? errorId : undefined;
  return (
    <form className="login-form" onSubmit={(e) => void submit(e)} data-testid="login-form" noValidate>
      <label className="login-form__field">
        <span>{t('login.username')}</span>
        <input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          data-testid="login-username"
        />
      </label>
      <label className="login-form__field">
        <span>{t('login.password')}</span>
        <input
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          data-testid="login-password"
        />
      </label>
      {error ? (
        <p id={errorId} className="login-form__error" role="alert" data-testid="login-error">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        className="auth-button"
        disabled={busy || username.trim() === '' || password === ''}
        data-testid="login-submit"
      >
        {busy ? t('login.busy') : t('login.submit')}
      </button>
    </form>
  );
}
