import { useT } from '../../i18n/use-t';
import { formatDateTime } from '../../ui/format';
import { AddUserForm } from './AddUserForm';
import { useAdminStore } from './admin.store';
import { ConfirmButton } from './ConfirmButton';

export function UsersPanel() {
  const { t, intl } = useT();
  const users = useAdminStore((s) => s.users);
  return (
    <section className="admin-section" aria-labelledby="admin-users">
      <h2 id="admin-users">{t('admin.users')}</h2>
      <table className="admin-table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.user.name')}</th>
            <th scope="col">{t('admin.user.role')}</th>
            <th scope="col">{t('admin.user.created')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.username} data-testid="user-row" data-username={u.username}>
              <td className="admin-table__text">{u.username}</td>
              <td>{t(`role.${u.role}`)}</td>
              <td>{formatDateTime(u.createdAtMs, intl)}</td>
              <td>
                <ConfirmButton
                  label={t('admin.user.remove')}
                  question={t('admin.user.confirmRemove', { name: u.username })}
                  onConfirm={() => void useAdminStore.getState().removeUser(u.username)}
                  testId="remove-user"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddUserForm />
    </section>
  );
}
