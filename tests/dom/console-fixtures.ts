import type { Alert } from '../../protocol/state/alerts';
import { NOW_MS, sampleState, seedStore } from './fixtures';

/** An open late-dossier alert in Tân An, `n` minutes old: plain data, so the order on screen is known. */
export function lateAlert(n: number, severity: Alert['severity'] = 'warning'): Alert {
  return {
    id: `late:794@${n}`,
    key: 'late:794',
    rule: 'dossier-late',
    severity,
    area: '794',
    siteId: null,
    kind: null,
    lonLat: null,
    value: 10 + n,
    threshold: 10,
    unit: '',
    raisedSeq: n,
    raisedTsMs: NOW_MS - n * 60_000,
    clearedTsMs: null,
    ack: null,
    assignee: null,
    resolved: null,
    priority: 'low',
    members: [],
    memberCount: 1,
    activeMembers: 1,
    chattering: false,
    supersededBy: null,
    shelved: null,
    informational: false,
  };
}

/** Seeds the store with these alerts, `alerts[0]` on top of the console (it shows newest first). */
export function seedAlerts(alerts: Alert[]) {
  const state = sampleState();
  seedStore({ ...state, alerts: { ...state.alerts, recent: [...alerts].reverse() } });
}
