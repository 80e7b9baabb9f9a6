import { useState, type FormEvent } from 'react';
import type { TokenKind } from '../../../protocol/auth.schema';
import { useT } from '../../i18n/use-t';
import { useAdminStore } from './admin.store';

const KINDS: readonly TokenKind[] = ['display', 'ingest'];

/** A token for one wall or one source, named so that the list (and the audit log) says whose it is. */
export function CreateTokenForm() {
  const { t } = useT();
  const [kind, setKind] = useState<TokenKind>('display');
  const [label, setLabel] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = label.trim();
    if (trimmed === '') return;
    await useAdminStore.getState().createToken({ kind, label: trimmed });
    setLabel('');
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} data-testid="create-token-form">
      <label>
        {t('admin.token.kind')}
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as TokenKind)}
          data-testid="new-token-kind"
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.token.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.token.label')}
        <input
          value={label}
          maxLength={120}
          placeholder={t('admin.token.labelHint')}
          onChange={(e) => setLabel(e.target.value)}
          data-testid="new-token-label"
        />
      </label>
      <button type="submit" className="auth-button" disabled={label.trim() === ''} data-testid="create-token">
        {t('admin.token.create')}
      </button>
    </form>
  );
}
