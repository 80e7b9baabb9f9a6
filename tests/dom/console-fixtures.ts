import type { Alert } from '../../protocol/state/alerts';
import { lateDossierAlert } from '../fixtures/alerts';
import { NOW_MS, sampleState, seedStore } from './fixtures';

/** An open late-dossier alert in Tân An, `n` minutes old: plain data, so the order on screen is known. */
export function lateAlert(n: number, severity: Alert['severity'] = 'warning'): Alert {
  return lateDossierAlert(`late:794@${n}`, {
    key: 'late:794',
    severity,
    value: 10 + n,
    raisedSeq: n,
    raisedTsMs: NOW_MS - n * 60_000,
  });
}

/** Seeds the store with these alerts, `alerts[0]` on top of the console (it shows newest first). */
export function seedAlerts(alerts: Alert[]) {
  const state = sampleState();
  seedStore({ ...state, alerts: { ...state.alerts, recent: [...alerts].reverse() } });
}
