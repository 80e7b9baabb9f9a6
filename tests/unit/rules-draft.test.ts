import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  draftOf,
  parseNumberText,
  rulesOf,
} from '../../client/features/console/rules/rules-draft';
import { AlertRules, DEFAULT_ALERT_RULES } from '../../protocol';

/** A rule set as an operator might have provisioned it: something of every part the editor shows and hides. */
const PROVISIONED: AlertRules = AlertRules.parse({
  version: 1,
  sensorThresholds: {
    water_level: { warning: 1.5, alarm: 1.75, clear: 1.4 },
    traffic_flow: { warning: 2000, alarm: 3000 },
    noise: null,
  },
  stuckReadings: { aqi: { repeats: 90 } },
  sensorOfflineAfterMin: 30,
  epidemic: { warningLevel: 2, criticalLevel: 4 },
  lateDossiersPerDay: 8,
  siteThresholds: { 'LA-WL-794-01': { warning: 1.3, alarm: 1.6 }, 'LA-NS-803-02': null },
  alarms: {
    priorities: { 'sensor-threshold': { warning: 'medium' } },
    sensors: {
      rainfall: { onDelay: { readings: 2 }, priority: { critical: 'critical' } },
      pm25: { offDelay: { seconds: 600 } },
    },
    groupWindowMin: 30,
    informational: ['dossier-late', 'sensor-offline'],
  },
});

describe('the rules editor draft', () => {
  it('reads numbers with a decimal comma or point, and nothing else', () => {
    expect(parseNumberText('1,6')).toBe(1.6);
    expect(parseNumberText(' 1.6 ')).toBe(1.6);
    expect(parseNumberText('240')).toBe(240);
    expect(parseNumberText('-3,5')).toBe(-3.5);
    expect(parseNumberText('')).toBeUndefined();
    expect(parseNumberText('1,6 m')).toBeNaN();
    expect(parseNumberText('1.600,5')).toBeNaN();
    expect(parseNumberText('abc')).toBeNaN();
  });

  it('gives back the rule set it was made from, untouched, for the built-in one and a provisioned one', () => {
    for (const rules of [DEFAULT_ALERT_RULES, PROVISIONED]) {
      const check = checkDraft(draftOf(rules));
      expect(check).toEqual({ ok: true, rules: AlertRules.parse(rules) });
    }
  });

  it('changes only the field edited and keeps what it does not show', () => {
    const draft = draftOf(PROVISIONED);
    draft.kinds.temperature = { ...draft.kinds.temperature, warning: '38,5', priorityCritical: 'critical' };
    const next = rulesOf(draft) as AlertRules;
    expect(next.sensorThresholds.temperature).toEqual({ warning: 38.5, alarm: 40 });
    expect(next.alarms?.sensors?.temperature).toEqual({ priority: { critical: 'critical' } });
    expect({ ...next, sensorThresholds: { ...next.sensorThresholds, temperature: undefined } }).toEqual({
      ...PROVISIONED,
      sensorThresholds: { ...PROVISIONED.sensorThresholds, temperature: undefined },
      alarms: {
        ...PROVISIONED.alarms,
        sensors: { ...PROVISIONED.alarms!.sensors, temperature: { priority: { critical: 'critical' } } },
      },
    });
  });

  it('puts a kind set back to the built-in values back on the built-in table', () => {
    const draft = draftOf(PROVISIONED);
    draft.kinds.rainfall = { ...draftOf(DEFAULT_ALERT_RULES).kinds.rainfall, priorityWarning: 'medium' };
    const next = rulesOf(draft) as AlertRules;
    expect(next.alarms?.sensors?.rainfall).toBeUndefined();
    expect(next.sensorThresholds.rainfall).toBeUndefined();
  });

  it('names the row and field of every problem the protocol schema finds', () => {
    const draft = draftOf(DEFAULT_ALERT_RULES);
    draft.kinds.aqi = { ...draft.kinds.aqi, onReadings: '0', offReadings: '', offSeconds: '' };
    draft.sites = [
      { siteId: 'LA-AQ-794-01', off: false, warning: '120', alarm: '', clear: '' },
      { siteId: 'LA-AQ-794-01', off: true, warning: '', alarm: '', clear: '' },
    ];
    const check = checkDraft(draft);
    expect(check.ok).toBe(false);
    const where = check.ok ? [] : check.problems.map((p) => `${p.row}/${p.field}/${p.issue.code}`).sort();
    expect(where).toEqual([
      'kind:aqi/offDelay/custom',
      'kind:aqi/onReadings/too_small',
      'site:1/siteId/custom',
    ]);
    // A rule set holds one rule per site: with the duplicate gone, the first row's own problem shows.
    draft.sites = draft.sites.slice(0, 1);
    const again = checkDraft(draft);
    const site = again.ok ? [] : again.problems.filter((p) => p.row.startsWith('site:'));
    expect(site.map((p) => `${p.row}/${p.field}/${p.issue.code}`)).toEqual(['site:0/alarm/invalid_type']);
  });
});
