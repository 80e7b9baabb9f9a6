import { en } from './en';
import { vi, type MessageKey } from './vi';

export type { MessageKey } from './vi';
export type Locale = 'vi' | 'en';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { vi, en };

/** BCP 47 tag for Intl formatting: English screens still show Vietnamese time, only number style changes. */
export const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Looks a message up and fills `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
