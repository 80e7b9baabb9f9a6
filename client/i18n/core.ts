import { coreEn } from './en.core';
import { coreVi, type CoreKey } from './vi.core';

export type { CoreKey } from './vi.core';
export type Locale = 'vi' | 'en';
export type MessageParams = Record<string, string | number>;
/** Translates the shell's and `/public`'s messages only: what the core dictionaries hold. */
export type CoreTranslate = (key: CoreKey, params?: MessageParams) => string;

/** BCP 47 tag for Intl formatting: English screens still show Vietnamese time, only number style changes. */
export const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Fills `{name}` placeholders; an unknown name stays as written so a missing figure shows, not vanishes. */
export function fill(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const CORE: Record<Locale, Record<CoreKey, string>> = { vi: coreVi, en: coreEn };

export function tCore(locale: Locale, key: CoreKey, params?: MessageParams): string {
  return fill(CORE[locale][key], params);
}
