import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useCoreT } from '../../i18n/use-core-t';
import { codeFromScan, isDossierCode, normaliseCode } from './dossier-code';
import { LookupMessage } from './LookupMessage';
import { lookupDossier } from './public-api';
import { usePublicStore } from './public.store';
import { QrScan } from './QrScan';

/** Looks a code up; a malformed one is answered here, without spending the citizen's request budget. */
async function run(code: string, signal: AbortSignal) {
  const { set } = usePublicStore.getState();
  if (!isDossierCode(code)) return set({ lookup: { pending: false, result: { kind: 'invalid', code } } });
  set({ lookup: { pending: true, result: null } });
  try {
    set({ lookup: { pending: false, result: await lookupDossier(code, signal) } });
  } catch {
    // aborted by a newer lookup or by leaving the page: its answer no longer matters
  }
}

export function DossierLookup({ initialCode = '' }: { initialCode?: string }) {
  const { t } = useCoreT();
  const [code, setCode] = useState(initialCode);
  const [scanning, setScanning] = useState(false);
  const lookup = usePublicStore((s) => s.lookup);
  const ctrl = useRef<AbortController | null>(null);

  const submit = useCallback((raw: string) => {
    ctrl.current?.abort();
    ctrl.current = new AbortController();
    void run(normaliseCode(raw), ctrl.current.signal);
  }, []);
  // A receipt's QR opens /public?code=…: look that code up straight away.
  useEffect(() => {
    if (initialCode) submit(initialCode);
    return () => ctrl.current?.abort();
  }, [initialCode, submit]);

  const onScan = useCallback(
    (text: string) => {
      const found = codeFromScan(text);
      if (!found) return;
      setScanning(false);
      setCode(found);
      submit(found);
    },
    [submit],
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(code);
  };

  return (
    <div className="public-lookup" data-testid="dossier-lookup">
      <form onSubmit={onSubmit} className="public-lookup__form">
        <label htmlFor="dossier-code">{t('public.lookup.label')}</label>
        <input
          id="dossier-code"
          data-testid="dossier-code-input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="000.00.39.H38-210801-0042"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          inputMode="text"
        />
        <p className="public-muted">{t('public.lookup.hint')}</p>
        <div className="public-lookup__buttons">
          <button type="submit" data-testid="dossier-submit" disabled={lookup.pending}>
            {lookup.pending ? t('public.lookup.loading') : t('public.lookup.submit')}
          </button>
          <button type="button" data-testid="qr-open" onClick={() => setScanning((s) => !s)}>
            {t('public.lookup.scan')}
          </button>
        </div>
      </form>
      {scanning ? <QrScan onText={onScan} onClose={() => setScanning(false)} /> : null}
      <div aria-live="polite">{lookup.result ? <LookupMessage result={lookup.result} /> : null}</div>
    </div>
  );
}
