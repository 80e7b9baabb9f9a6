import { useCallback } from 'react';
import { useStore } from '../store/store';
import { INTL_LOCALE, t, type Translate } from './index';

/** The translate function and Intl locale of the chosen language; re-renders only when the language changes. */
export function useT(): { t: Translate; intl: string } {
  const locale = useStore((s) => s.locale);
  const tr = useCallback<Translate>((key, params) => t(locale, key, params), [locale]);
  return { t: tr, intl: INTL_LOCALE[locale] };
}
