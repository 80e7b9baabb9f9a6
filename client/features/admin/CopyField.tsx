import { useState } from 'react';
import { useT } from '../../i18n/use-t';

/** A secret or an address in a read-only field (selectable where no clipboard is allowed) and a copy button. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="copy-field">
      <label>
        {label}
        <input readOnly value={value} onFocus={(e) => e.target.select()} data-testid={testId} />
      </label>
      <button type="button" onClick={() => void copy()} data-testid={`${testId}-copy`}>
        {t('admin.token.copy')}
      </button>
      <span role="status">
        {state === 'copied' ? t('admin.token.copied') : state === 'failed' ? t('admin.token.copyFailed') : ''}
      </span>
    </div>
  );
}
