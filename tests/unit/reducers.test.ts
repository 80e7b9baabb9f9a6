import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  DAILY_WINDOW_DAYS,
  emptyDashboardState,
  kpiSnapshot,
  siteStatus,
  STALE_AFTER_MS,
  type DossierSubmitted,
} from '../../protocol';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { covid, logged, paid, reading, resolved, stateWithRules, submitted } from '../fixtures/events';

const rollup = makeRollup(AREAS_2021);

describe('applyEvents', () => {
  it('counts a dossier for its district and the province, and never changes its input', () => {
    const empty = emptyDashboardState();
    const frozen = JSON.stringify(empty);
    const s = applyEvents(empty, logged(submitted, paid, resolved), rollup);
    expect(JSON.stringify(empty)).toBe(frozen);
    for (const code of ['794', '80']) {
      expect(s.areas[code]!.dossier).toMatchObject({ submitted: 1, onlineSubmitted: 1, level4Submitted: 1 });
      expect(s.areas[code]!.dossier).toMatchObject({
        resolved: 1,
        resolvedOnTime: 1,
        paid: 1,
        paidOnline: 1,
      });
      expect(s.areas[code]!.daily['2021-08-02']).toMatchObject({ submitted: 1, online: 1, covidNewCases: 0 });
    }
    expect(s.areas['802']).toBeUndefined();
    expect(s.seq).toBe(3);
  });

  it('skips events whose seq was already applied, so an overlapping resync is harmless', () => {
    const events = logged(submitted, resolved);
    const once = applyEvents(emptyDashboardState(), events, rollup);
    expect(applyEvents(once, events, rollup)).toBe(once);
  });

  it('adds COVID reports of the same day and keeps the highest epidemic level', () => {
    const other = { ...covid, id: 'covid:807:2021-08-02', area: '807', newCases: 80, epidemicLevel: 3 };
    const s = applyEvents(emptyDashboardState(), logged(covid, other), rollup);
    expect(s.areas['80']!.covid).toMatchObject({
      cumulativeCases: 200,
      newCasesLastDate: 200,
      lastDate: '2021-08-02',
      epidemicLevel: 4,
    });
    expect(s.areas['807']!.covid.epidemicLevel).toBe(3);
  });

  it('keeps the latest reading per site and ignores a late older one', () => {
    const newer = { ...reading, id: 'r2', tsMs: reading.tsMs + 60_000, value: 1.2 };
    const older = { ...reading, id: 'r3', tsMs: reading.tsMs - 60_000, value: 0.1 };
    const s = applyEvents(emptyDashboardState(), logged(reading, newer, older), rollup);
    expect(s.sites[reading.siteId]).toMatchObject({ value: 1.2, tsMs: newer.tsMs });
  });

  it('bounds the per-day window', () => {
    const days = Array.from({ length: DAILY_WINDOW_DAYS + 30 }, (_, i): DossierSubmitted => ({
      ...submitted,
      id: `d${i}`,
      tsMs: submitted.tsMs + i * 86_400_000,
    }));
    const s = applyEvents(emptyDashboardState(), logged(...days), rollup);
    const keys = Object.keys(s.areas['794']!.daily).sort();
    expect(keys).toHaveLength(DAILY_WINDOW_DAYS);
    expect(s.areas['794']!.dossier.submitted).toBe(DAILY_WINDOW_DAYS + 30);
  });
});

describe('siteStatus and kpiSnapshot', () => {
  // Status from one reading under the rules with no on-delay: the delays are alarm-management.test.ts's.
  const s = applyEvents(stateWithRules(), logged(reading), rollup);
  const site = s.sites[reading.siteId]!;
  const fold = (value: number) => applyEvents(stateWithRules(), logged({ ...reading, value }), rollup);
  const statusOf = (value: number, atMs: number) => {
    const f = fold(value);
    return siteStatus(f.sites[reading.siteId]!, f.alerts, atMs);
  };
  const OFFLINE_AFTER_MS = 15 * 60_000;

  it('says alarm above the alarm level, warning and ok below, stale and offline as an ok reading ages', () => {
    expect(siteStatus(site, s.alerts, site.tsMs)).toBe('alarm');
    expect(statusOf(1.7, site.tsMs)).toBe('warning');
    expect(statusOf(0.9, site.tsMs)).toBe('ok');
    expect(statusOf(0.9, site.tsMs + STALE_AFTER_MS + 1)).toBe('stale');
    expect(statusOf(0.9, site.tsMs + OFFLINE_AFTER_MS + 1)).toBe('offline');
    const f = fold(0.9);
    expect(siteStatus({ ...f.sites[reading.siteId]!, repeats: 50 }, f.alerts, site.tsMs)).toBe('stale');
  });

  it('keeps a site in alarm while it is silent: the alarm stands until a reading clears it', () => {
    expect(siteStatus(site, s.alerts, site.tsMs + OFFLINE_AFTER_MS + 1)).toBe('alarm');
  });

  it('derives rates and sensor counts for an area', () => {
    const all = applyEvents(
      s,
      logged(reading, submitted, resolved, paid).map((e, i) => ({ ...e, seq: i + 2 })),
      rollup,
    );
    const k = kpiSnapshot(all, '80', reading.tsMs, (code) => rollup(code).includes('80'));
    expect(k).toMatchObject({ dossierSubmitted: 1, onlineShare: 1, onTimeRate: 1, openDossiers: 0 });
    expect(k.sensors.alarm).toBe(1);
    const empty = kpiSnapshot(all, '802', reading.tsMs, (code) => rollup(code).includes('802'));
    expect(empty).toMatchObject({ dossierSubmitted: 0, onTimeRate: null, onlineShare: null });
    expect(empty.sensors.alarm).toBe(0);
  });
});
