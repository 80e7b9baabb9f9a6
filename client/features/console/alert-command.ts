import type { Ack, AlertCommandResult } from '../../../protocol';
import type { Alert } from '../../../protocol/state/alerts';
import type { Translate } from '../../i18n';
import { newRequestId, type LiveCommands } from '../../net/live-commands';
import { useConsoleStore } from './console.store';

export type AlertAction = 'ack' | 'assign' | 'resolve';

/**
 * Sends one alert command under the operator on duty; shared by the buttons, Enter in the comment field and the
 * `a` shortcut so all three go through the same checks. Resolves true when the server logged it.
 */
export async function sendAlertCommand(
  alert: Alert,
  action: AlertAction,
  fields: { comment: string; assignee?: string },
  t: Translate,
): Promise<boolean> {
  const { commands, operator, busy, setBusy, setError } = useConsoleStore.getState();
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
  };
  setBusy(alert.id, true);
  setError(null);
  const res = await send[action](commands);
  setBusy(alert.id, false);
  if (!res.ok)
    setError(t('console.refused', { error: res.error, details: JSON.stringify(res.details ?? '') }));
  return res.ok;
}
