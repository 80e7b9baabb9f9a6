import { describe, expect, it } from 'vitest';
import { kpiTiles, NO_DATA_AFTER_MS } from '../../client/features/operator/kpi-tiles';
import { t } from '../../client/i18n';
import type { AreaKpis } from '../../client/store/selectors';

const tr = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('vi', key, params);
const NOW = Date.parse('2025-08-01T08:00:00+07:00');
const kpis = (tsMs: number): AreaKpis => ({
  onlineToday: 0,
  onTimeRate: null,
  openDossiers: 0,
  covidNewCases: 0,
  covidLastDate: null,
  covidSimulated: false,
  covidDay: null,
  sensorAlarm: 0,
  sensorOk: 0,
  sensorTotal: 0,
  dossierTsMs: tsMs,
  sensorTsMs: tsMs,
});
const ageOfOnline = (tsMs: number) => kpiTiles(kpis(tsMs), 'kpi', NOW, tr, 'vi-VN')[0]!.age;
const tile = (k: AreaKpis, id: string) => kpiTiles(k, 'kpi', NOW, tr, 'vi-VN').find((x) => x.testId === id)!;

describe('tile ages at an instant with no data', () => {
  it('says there is no data at this instant instead of "updated 1.431 days ago"', () => {
    const lastIn2021 = Date.parse('2021-08-31T08:00:00+07:00');
    expect(ageOfOnline(lastIn2021)).toBe('không có dữ liệu tại thời điểm này');
  });

  it('still gives the age of recent data', () => {
    expect(ageOfOnline(NOW - 3_600_000)).toMatch(/^cập nhật /);
    expect(ageOfOnline(NOW - NO_DATA_AFTER_MS + 60_000)).toMatch(/^cập nhật /);
    expect(ageOfOnline(0)).toBe('chưa có dữ liệu');
  });

  it('shows no figure of a stream that stopped long before the instant, a week-old COVID report included', () => {
    const lastIn2021 = Date.parse('2021-08-31T08:00:00+07:00');
    const old = { ...kpis(lastIn2021), onlineToday: 12, onTimeRate: 0.99, covidNewCases: 321 };
    expect(tile({ ...old, covidLastDate: '2021-07-31' }, 'kpi-online-today').value).toBe('—');
    expect(tile(old, 'kpi-on-time-rate').value).toBe('—');
    const covid = tile({ ...old, covidLastDate: '2021-07-31' }, 'kpi-covid-new-cases');
    expect(covid).toMatchObject({ value: '—', age: 'không có dữ liệu tại thời điểm này' });
    // Yesterday's report still stands, with its day.
    const recent = tile(
      { ...kpis(NOW - 3_600_000), covidNewCases: 321, covidLastDate: '2025-07-31' },
      'kpi-covid-new-cases',
    );
    expect(recent.value).toBe('321');
    expect(recent.age).toMatch(/^báo cáo ngày 31\/07/i);
    expect(tile({ ...kpis(NOW - 3_600_000), onlineToday: 12 }, 'kpi-online-today').value).toBe('12');
  });
});
