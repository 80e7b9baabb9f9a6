import { useT } from '../../i18n/use-t';
import { useAdminStore } from './admin.store';
import { CopyField } from './CopyField';

/** The wall's start address: the display token signs it in, then leaves the address bar. */
export function wallUrl(origin: string, token: string): string {
  return `${origin}/wall?${new URLSearchParams({ display: token })}`;
}

/** The new token's secret, shown this once (the server keeps only its hash); for a wall, its full address. */
export function CreatedTokenNotice() {
  const { t } = useT();
  const created = useAdminStore((s) => s.created);
  if (!created) return null;
  return (
    <div
      className="created-token"
      role="region"
      aria-label={t('admin.token.secretOnce')}
      data-testid="created-token"
    >
      <h3>{t('admin.token.secretTitle', { label: created.summary.label })}</h3>
      <p className="created-token__warning">{t('admin.token.secretOnce')}</p>
      <CopyField label={t('admin.tokens')} value={created.token} testId="token-secret" />
      {created.summary.kind === 'display' ? (
        <CopyField
          label={t('admin.token.wallUrl')}
          value={wallUrl(window.location.origin, created.token)}
          testId="token-wall-url"
        />
      ) : null}
      <button
        type="button"
        className="auth-button"
        onClick={() => useAdminStore.getState().dismissSecret()}
        data-testid="token-secret-done"
      >
        {t('admin.token.done')}
      </button>
    </div>
  );
}
