import { useCallback } from 'react';
import { INTL_LOCALE, tCore, type CoreTranslate } from './core';
import { useLocaleStore } from './locale.store';

/**
 * useT for the shell and `/public`: the same language, but only the core messages, so these modules never pull
 * the views' dictionaries into the first download (tests/e2e/public-bundle.e2e.ts checks the build).
 */
export function useCoreT(): { t: CoreTranslate; intl: string } {
  const locale = useLocaleStore((s) => s.locale);
  const tr = useCallback<CoreTranslate>((key, params) => tCore(locale, key, params), [locale]);
  return { t: tr, intl: INTL_LOCALE[locale] };
}
