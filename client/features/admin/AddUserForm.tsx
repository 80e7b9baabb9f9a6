import { useState, type FormEvent } from 'react';
import { Password, ROLES, UserName, type Role } from '../../../protocol/auth.schema';
import { useT } from '../../i18n/use-t';
import { useAdminStore } from './admin.store';

/** A new user with a role and a first password; the protocol's own rules say what a valid name and password are. */
export function AddUserForm() {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    const name = username.trim();
    if (!UserName.safeParse(name).success) return setProblem(t('admin.user.invalidName'));
    if (!Password.safeParse(password).success) return setProblem(t('admin.user.invalidPassword'));
    setProblem(null);
    if (await useAdminStore.getState().addUser({ username: name, role, password })) {
      setUsername('');
      setPassword('');
      setAdded(name);
    }
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} data-testid="add-user-form" noValidate>
      <label>
        {t('admin.user.name')}
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          data-testid="new-user-name"
        />
      </label>
      <label>
        {t('admin.user.role')}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-user-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.user.password')}
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="new-user-password"
        />
      </label>
      <button type="submit" className="auth-button" data-testid="add-user">
        {t('admin.user.add')}
      </button>
      {problem ? (
        <p className="admin-form__problem" role="alert" data-testid="add-user-problem">
          {problem}
        </p>
      ) : null}
      {added ? (
        <p role="status" data-testid="add-user-done">
          {t('admin.user.added', { name: added })}
        </p>
      ) : null}
    </form>
  );
}
