import type { Alert } from '../../../protocol/state/alerts';
import { newRequestId } from '../../net/live-commands';
import { shelveCapOf } from './alert-command';
import { useConsoleStore } from './console.store';

export interface BulkShelveResult {
  shelved: string[];
  refused: { alertId: string; error: string; details?: unknown }[];
}

/**
 * Shelves several alerts with one reason and one expiry: one `alert:shelve` per alert, so the server checks,
 * logs and audits each alarm on its own, exactly as when they are shelved one by one (ISA-18.2 wants every
 * shelving traceable to its alarm). One refusal does not hold back the others; the answer says which failed.
 */
export async function shelveAll(
  alerts: readonly Alert[],
  fields: { reason: string; minutes: number },
): Promise<BulkShelveResult> {
  const { commands, operator, setBusy, setShelveMaxMin } = useConsoleStore.getState();
  const result: BulkShelveResult = { shelved: [], refused: [] };
  if (!commands || operator.trim() === '') return result;
  await Promise.all(
    alerts.map(async (alert) => {
      setBusy(alert.id, true);
      const res = await commands.shelve({
        alertId: alert.id,
        operator: operator.trim(),
        comment: '',
        reason: fields.reason.trim(),
        minutes: fields.minutes,
        requestId: newRequestId(),
      });
      setBusy(alert.id, false);
      if (res.ok) result.shelved.push(alert.id);
      else {
        const cap = shelveCapOf(res.details);
        if (cap !== null) setShelveMaxMin(cap);
        result.refused.push({ alertId: alert.id, error: res.error, details: res.details });
      }
    }),
  );
  return result;
}
