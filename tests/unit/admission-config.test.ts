import { describe, expect, it } from 'vitest';
import { configEnv } from './support/config-env';
import { loadConfig } from '../../server/config';
import { admissionRules } from '../../server/ingest/event-admission';
import { sourceRank } from '../../protocol';

describe('admission rules from the environment', () => {
  const env = configEnv();

  it('defaults to 5 minutes ahead, the simulated history, the simulator and the CSV import as COVID sources', () => {
    expect(loadConfig(env({})).admission).toEqual({
      futureToleranceMs: 300_000,
      historyFromMs: Date.parse('2019-01-01T00:00:00+07:00'),
      covidOfficialSources: ['sim-covid', 'ext-sim-covid', 'csv-import'],
      extraSites: [],
    });
    expect(loadConfig(env({ SIM_HISTORY_FROM: '2020-06-01T00:00:00+07:00' })).admission.historyFromMs).toBe(
      Date.parse('2020-06-01T00:00:00+07:00'),
    );
  });

  it('takes EVENT_FUTURE_TOLERANCE_MS, EVENT_HISTORY_FROM, COVID_OFFICIAL_SOURCES and EXTRA_SENSOR_SITES', () => {
    const a = loadConfig(
      env({
        EVENT_FUTURE_TOLERANCE_MS: '60000',
        EVENT_HISTORY_FROM: '2021-01-01T00:00:00+07:00',
        COVID_OFFICIAL_SOURCES: 'soyte-longan, csv-import',
        EXTRA_SENSOR_SITES: 'NEW-WL-1',
      }),
    ).admission;
    expect(a).toEqual({
      futureToleranceMs: 60_000,
      historyFromMs: Date.parse('2021-01-01T00:00:00+07:00'),
      covidOfficialSources: ['soyte-longan', 'csv-import'],
      extraSites: ['NEW-WL-1'],
    });
    const rules = admissionRules(a);
    expect([rules.isOfficialCovidSource('soyte-longan'), rules.isOfficialCovidSource('sim-covid')]).toEqual([
      true,
      false,
    ]);
    expect([
      rules.isKnownSite('NEW-WL-1'),
      rules.isKnownSite('LA-WL-794-01'),
      rules.isKnownSite('X'),
    ]).toEqual([true, true, false]);
    expect(() => loadConfig(env({ EVENT_HISTORY_FROM: 'long ago' }))).toThrow(/EVENT_HISTORY_FROM/);
  });
});

describe('source precedence from the environment', () => {
  const env = configEnv();

  it('defaults to any real source before the simulators, and takes SOURCE_ORDER', () => {
    const order = loadConfig(env({})).sourceOrder;
    expect(order).toEqual(['*', 'sim-*', 'ext-sim-*']);
    expect(sourceRank(order, 'csv-import')).toBeLessThan(sourceRank(order, 'sim-covid'));
    expect(sourceRank(order, 'ext-sim-covid')).toBeGreaterThan(sourceRank(order, 'soyte-longan'));
    const custom = loadConfig(env({ SOURCE_ORDER: 'soyte-longan, csv-*, *, sim-*' })).sourceOrder;
    expect(custom).toEqual(['soyte-longan', 'csv-*', '*', 'sim-*']);
    expect(sourceRank(custom, 'soyte-longan')).toBe(0);
    expect(sourceRank(custom, 'csv-import')).toBe(1);
    expect(sourceRank(custom, 'lgsp')).toBe(2);
    expect(sourceRank(custom, 'sim-covid')).toBe(3);
    expect(() => loadConfig(env({ SOURCE_ORDER: 'a b' }))).toThrow(/SOURCE_ORDER/);
  });
});
