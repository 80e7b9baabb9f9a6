import { useCallback } from 'react';
import { INTL_LOCALE, t, type Translate } from './index';
import { useLocaleStore } from './locale.store';

/** The translate function and Intl locale of the chosen language; re-renders only when the language changes. */
export function useT(): { t: Translate; intl: string } {
  const locale = useLocaleStore((s) => s.locale);
  const tr = useCallback<Translate>((key, params) => t(locale, key, params), [locale]);
  return { t: tr, intl: INTL_LOCALE[locale] };
}
