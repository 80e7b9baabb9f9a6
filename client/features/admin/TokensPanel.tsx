import { useT } from '../../i18n/use-t';
import { formatDateTime } from '../../ui/format';
import { useAdminStore } from './admin.store';
import { ConfirmButton } from './ConfirmButton';
import { CreatedTokenNotice } from './CreatedTokenNotice';
import { CreateTokenForm } from './CreateTokenForm';

/** Ingest and display tokens: the list never holds a secret, only what each token is for and whether it works. */
export function TokensPanel() {
  const { t, intl } = useT();
  const tokens = useAdminStore((s) => s.tokens);
  return (
    <section className="admin-section" aria-labelledby="admin-tokens">
      <h2 id="admin-tokens">{t('admin.tokens')}</h2>
      <CreatedTokenNotice />
      <table className="admin-table" data-testid="tokens-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.token.label')}</th>
            <th scope="col">{t('admin.token.kind')}</th>
            <th scope="col">{t('admin.token.created')}</th>
            <th scope="col">{t('admin.token.state')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {tokens.map((tk) => (
            <tr
              key={tk.id}
              data-testid="token-row"
              data-token-id={tk.id}
              data-revoked={tk.revokedAtMs !== null}
            >
              <td className="admin-table__text">{tk.label}</td>
              <td>{t(`admin.token.kind.${tk.kind}`)}</td>
              <td>{formatDateTime(tk.createdAtMs, intl)}</td>
              <td className="admin-table__text">
                {tk.revokedAtMs === null
                  ? t('admin.token.active')
                  : t('admin.token.revokedAt', { time: formatDateTime(tk.revokedAtMs, intl) })}
              </td>
              <td className="admin-table__text">
                {tk.revokedAtMs === null ? (
                  <ConfirmButton
                    label={t('admin.token.revoke')}
                    question={t('admin.token.confirmRevoke', { label: tk.label })}
                    onConfirm={() => void useAdminStore.getState().revokeToken(tk.id)}
                    testId="revoke-token"
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateTokenForm />
    </section>
  );
}
