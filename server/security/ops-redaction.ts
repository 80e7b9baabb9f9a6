import type {
  Alert,
  AlertsState,
  DashboardState,
  LoggedEvent,
  OperatorNote,
  ReplayBatch,
} from '../../protocol';
import type { AlertView } from '../../protocol/state/state-patch';

/**
 * What stands for a person's name where the reader may not see it. Schema-valid (a non-empty name), so a
 * withheld event still folds and validates like any other; the action and its time stay visible.
 */
export const WITHHELD_NAME = '—';

/**
 * Operators' free-text comments (where a phone number or a citizen's name ends up) and the names of who acted
 * go only to holders of the operate right. Everyone else who may read sees that an alert was acknowledged,
 * assigned or resolved, and when, but not by whom nor why. Events of the data streams are returned as they are.
 */
export function withholdOpsDetails(e: LoggedEvent): LoggedEvent {
  if (e.stream !== 'ops') return e;
  if (e.action === 'alert-rules:changed') return { ...e, operator: WITHHELD_NAME };
  if (e.action === 'site:in-service') return { ...e, operator: WITHHELD_NAME };
  if (e.action === 'site:out-of-service') return { ...e, operator: WITHHELD_NAME, reason: WITHHELD_NAME };
  if (e.action === 'alert:shelved')
    return { ...e, operator: WITHHELD_NAME, comment: '', reason: WITHHELD_NAME };
  if (e.action === 'alert:assigned')
    return { ...e, operator: WITHHELD_NAME, comment: '', assignee: WITHHELD_NAME };
  return { ...e, operator: WITHHELD_NAME, comment: '' };
}

const withholdNote = (n: OperatorNote | null): OperatorNote | null =>
  n && { ...n, operator: WITHHELD_NAME, comment: '' };

/** The same for the alerts the reduced state carries (the notes folded from those events). */
export function withholdAlertDetails(a: Alert): Alert {
  if (!a.ack && !a.resolved && a.assignee === null && !a.shelved) return a;
  return {
    ...a,
    shelved: a.shelved && { ...a.shelved, operator: WITHHELD_NAME, comment: '', reason: WITHHELD_NAME },
    ack: withholdNote(a.ack),
    resolved: withholdNote(a.resolved),
    assignee: a.assignee === null ? null : WITHHELD_NAME,
  };
}

const withholdOutOfService = (o: AlertsState['outOfService'] | undefined): AlertsState['outOfService'] =>
  Object.fromEntries(
    Object.entries(o ?? {}).map(([id, x]) => [id, { ...x, operator: WITHHELD_NAME, reason: WITHHELD_NAME }]),
  );

export function withholdStateDetails(s: DashboardState): DashboardState {
  if (!s.alerts) return s;
  return {
    ...s,
    alerts: {
      ...s.alerts,
      recent: s.alerts.recent.map(withholdAlertDetails),
      outOfService: withholdOutOfService(s.alerts.outOfService),
    },
  };
}

/** How readers see the alarms in a patch: operators' names and reasons withheld. */
export const READER_VIEW: AlertView = { alert: withholdAlertDetails, outOfService: withholdOutOfService };

export function withholdReplayBatchDetails(b: ReplayBatch): ReplayBatch {
  return b.state
    ? { ...b, state: withholdStateDetails(b.state) }
    : { ...b, events: b.events.map(withholdOpsDetails) };
}
