import { en } from './en';
import { coreEn } from './en.core';
import { fill, type Locale, type MessageParams } from './core';
import { vi, type ViewKey } from './vi';
import { coreVi, type CoreKey } from './vi.core';

export { INTL_LOCALE, type CoreKey, type CoreTranslate, type Locale } from './core';
export type { ViewKey } from './vi';
export type MessageKey = CoreKey | ViewKey;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

// Importing this module at run time brings every view's text; the shell and `/public` use ./core instead.
const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = {
  vi: { ...coreVi, ...vi },
  en: { ...coreEn, ...en },
};

/** Looks a message up and fills `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return fill(DICTIONARIES[locale][key], params);
}
