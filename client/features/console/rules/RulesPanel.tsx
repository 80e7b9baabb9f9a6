import { lazy, Suspense, useState } from 'react';
import { useT } from '../../../i18n/use-t';

// Its own chunk: the editor brings the rule schemas along, which the console's lists never need.
const RulesEditor = lazy(() => import('./RulesEditor'));

/** "Quy tắc cảnh báo": opens the rules editor under the console for whoever may operate. */
export function RulesPanel() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <section className="console__rules" data-testid="rules-panel">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="rules-editor"
        onClick={() => setOpen((o) => !o)}
        data-testid="rules-toggle"
      >
        {open ? t('rules.close') : t('rules.open')}
      </button>
      {open ? (
        <div id="rules-editor">
          <Suspense
            fallback={
              <p role="status" className="route-loading">
                {t('rules.loading')}
              </p>
            }
          >
            <RulesEditor />
          </Suspense>
        </div>
      ) : null}
    </section>
  );
}
