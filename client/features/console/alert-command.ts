import type { Ack, AlertCommandResult } from '../../../protocol';
import type { Alert } from '../../../protocol/state/alerts';
import type { Translate } from '../../i18n';
import { newRequestId, type LiveCommands } from '../../net/live-commands';
import { useConsoleStore } from './console.store';

export type AlertAction = 'ack' | 'assign' | 'resolve' | 'shelve' | 'unshelve';

/** What an action carries besides the alert and the operator; `reason` and `minutes` are the shelving's. */
export interface AlertCommandFields {
  comment: string;
  assignee?: string;
  reason?: string;
  minutes?: number;
}

/**
 * The longest shelving the server allows, read from its refusal (`minutes: at most N`): the server's
 * `SHELVE_MAX_MIN` is configuration, so the console learns it from the answer instead of a copy of its own.
 */
export function shelveCapOf(details: unknown): number | null {
  const lines = Array.isArray(details) ? details : [details];
  for (const line of lines) {
    const m = typeof line === 'string' ? /^minutes: at most (\d+)$/.exec(line) : null;
    if (m) return Number(m[1]);
  }
  return null;
}

/**
 * Sends one alert command under the operator on duty; shared by the buttons, Enter in the comment field and the
 * `a` shortcut so all three go through the same checks. Resolves true when the server logged it.
 */
export async function sendAlertCommand(
  alert: Alert,
  action: AlertAction,
  fields: AlertCommandFields,
  t: Translate,
): Promise<boolean> {
  const { commands, operator, busy, setBusy, setError, setShelveMaxMin } = useConsoleStore.getState();
  if (!commands || operator.trim() === '' || busy[alert.id]) return false;
  const base = {
    alertId: alert.id,
    operator: operator.trim(),
    comment: fields.comment.trim(),
    requestId: newRequestId(),
  };
  const send: Record<AlertAction, (c: LiveCommands) => Promise<Ack<AlertCommandResult>>> = {
    ack: (c) => c.ack(base),
    assign: (c) => c.assign({ ...base, assignee: (fields.assignee ?? '').trim() }),
    resolve: (c) => c.resolve(base),
    shelve: (c) => c.shelve({ ...base, reason: (fields.reason ?? '').trim(), minutes: fields.minutes ?? 0 }),
    unshelve: (c) => c.unshelve(base),
  };
  setBusy(alert.id, true);
  setError(null);
  const res = await send[action](commands);
  setBusy(alert.id, false);
  if (!res.ok) {
    const cap = action === 'shelve' ? shelveCapOf(res.details) : null;
    if (cap !== null) setShelveMaxMin(cap);
    setError(t('console.refused', { error: res.error, details: JSON.stringify(res.details ?? '') }));
  }
  return res.ok;
}
