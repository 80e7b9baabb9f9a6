import { describe, expect, it } from 'vitest';
import { en } from '../../client/i18n/en';
import { coreEn } from '../../client/i18n/en.core';
import { t } from '../../client/i18n';
import { tCore } from '../../client/i18n/core';
import { vi } from '../../client/i18n/vi';
import { coreVi } from '../../client/i18n/vi.core';

describe('the core and views dictionaries', () => {
  it('share no key, so the merged dictionary never hides one behind the other', () => {
    expect(Object.keys(coreVi).filter((k) => Object.hasOwn(vi, k))).toEqual([]);
    expect(Object.keys(coreEn).filter((k) => Object.hasOwn(en, k))).toEqual([]);
  });

  it('translate a core message the same through either door, and a view message through the full one', () => {
    expect(tCore('vi', 'public.updated', { time: '14:30' })).toBe(
      t('vi', 'public.updated', { time: '14:30' }),
    );
    expect(tCore('en', 'public.title')).toBe(coreEn['public.title']);
    expect(t('en', 'conn.live')).toBe(en['conn.live']);
    expect(t('vi', 'conn.live')).not.toBe(t('en', 'conn.live'));
  });
});
