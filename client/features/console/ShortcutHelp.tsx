import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { useConsoleStore } from './console.store';
import { SHORTCUTS } from './shortcuts';

/** Printable names of the keys: the help shows "↓", not "ArrowDown". */
const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Enter: 'Enter' };

/** The shortcut table, opened with `?`, closed with Escape or its button; built from SHORTCUTS only. */
export function ShortcutHelp() {
  const { t } = useT();
  const open = useConsoleStore((s) => s.helpOpen);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);
  if (!open) return null;
  const hide = () => useConsoleStore.getState().setHelpOpen(false);
  return (
    <div
      className="shortcut-help"
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcut-help-title"
      data-testid="shortcut-help"
      onKeyDown={(e) => {
        if (e.key === 'Escape') hide();
      }}
    >
      <h2 id="shortcut-help-title">{t('console.key.title')}</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.action} data-testid={`shortcut-row-${s.action}`}>
            <dt>
              {s.keys.map((k) => (
                <kbd key={k}>{KEY_NAMES[k] ?? k}</kbd>
              ))}
            </dt>
            <dd>{t(s.label)}</dd>
          </div>
        ))}
      </dl>
      <p>{t('console.key.escape')}</p>
      <button type="button" ref={close} onClick={hide}>
        {t('console.key.close')}
      </button>
    </div>
  );
}
