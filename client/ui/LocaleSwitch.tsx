import { useShallow } from 'zustand/react/shallow';
import type { Locale } from '../i18n';
import { useLocaleStore } from '../i18n/locale.store';

const LOCALES: readonly Locale[] = ['vi', 'en'];

export function LocaleSwitch() {
  const { locale, setLocale } = useLocaleStore(
    useShallow((s) => ({ locale: s.locale, setLocale: s.setLocale })),
  );
  return (
    <div className="locale-switch" role="group" aria-label="Ngôn ngữ / Language" data-testid="locale-switch">
      {LOCALES.map((l) => (
        <button key={l} type="button" aria-pressed={l === locale} onClick={() => setLocale(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
