import { describe, expect, it } from 'vitest';
import { vi } from '../../client/i18n/vi';
import { coreVi } from '../../client/i18n/vi.core';
import { englishWords, looksEnglish } from '../support/english-text';

describe('the Vietnamese dictionary has no English sentence', () => {
  it('tells an English sentence from a Vietnamese one', () => {
    expect(looksEnglish('Use two fingers to move the map')).toBe(true);
    expect(looksEnglish('count of dossier submitted events with channel = online')).toBe(true);
    expect(looksEnglish('seed report: PAR INDEX 2020 86.25 %, 7th of 63 provinces')).toBe(true);
    expect(looksEnglish('Dùng hai ngón tay để di chuyển bản đồ')).toBe(false);
    expect(looksEnglish('Báo cáo nguồn: PAR INDEX 2020 đạt 86,25 %')).toBe(false);
    expect(looksEnglish('Nguồn: dossier · dossier.online_submitted')).toBe(false);
    // Placeholders are names, not words: "{total}/{year}" is filled with figures.
    expect(looksEnglish('{n}/{total} thủ tục, năm {year}'.replace(/\{\w+\}/g, ' '))).toBe(false);
  });

  it('has every Vietnamese message in Vietnamese', () => {
    const english = Object.entries({ ...coreVi, ...vi })
      .map(([key, text]) => [key, text.replace(/\{\w+\}/g, ' ')] as const)
      .filter(([, text]) => looksEnglish(text))
      .map(([key, text]) => `${key}: ${text} [${englishWords(text).join(', ')}]`);
    expect(english).toEqual([]);
  });
});
