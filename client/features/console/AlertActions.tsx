import { useState } from 'react';
import type { Ack, AlertCommandResult } from '../../../protocol';
import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { newRequestId, type LiveCommands } from '../../net/live-commands';
import { useConsoleStore } from './console.store';

type Action = 'ack' | 'assign' | 'resolve';

/**
 * Acknowledge (with a comment), assign, resolve. Each is one command whose answer says it is in the log; the
 * card itself changes only when the event comes back through the feed, like on the wall.
 */
export function AlertActions({ alert }: { alert: Alert }) {
  const { t } = useT();
  const [comment, setComment] = useState('');
  const [assignee, setAssignee] = useState(alert.assignee ?? '');
  const operator = useConsoleStore((s) => s.operator);
  const busy = useConsoleStore((s) => s.busy[alert.id] === true);
  const ready = useConsoleStore((s) => s.commands !== null) && operator.trim() !== '' && !busy;

  const run = async (action: Action) => {
    const { commands, setBusy, setError } = useConsoleStore.getState();
    if (!commands) return;
    const base = {
      alertId: alert.id,
      operator: operator.trim(),
      comment: comment.trim(),
      requestId: newRequestId(),
    };
    const send: Record<Action, (c: LiveCommands) => Promise<Ack<AlertCommandResult>>> = {
      ack: (c) => c.ack(base),
      assign: (c) => c.assign({ ...base, assignee: assignee.trim() }),
      resolve: (c) => c.resolve(base),
    };
    setBusy(alert.id, true);
    setError(null);
    const res = await send[action](commands);
    setBusy(alert.id, false);
    if (res.ok) setComment('');
    else setError(t('console.refused', { error: res.error, details: JSON.stringify(res.details ?? '') }));
  };

  return (
    <form className="alert-actions" onSubmit={(e) => e.preventDefault()}>
      <input
        aria-label={t('console.comment')}
        placeholder={t('console.comment')}
        value={comment}
        maxLength={500}
        onChange={(e) => setComment(e.target.value)}
        data-testid="alert-comment"
      />
      {alert.ack ? null : (
        <button type="button" disabled={!ready} onClick={() => void run('ack')} data-testid="alert-ack">
          {t('console.ack')}
        </button>
      )}
      <input
        aria-label={t('console.assignee')}
        placeholder={t('console.assignee')}
        value={assignee}
        maxLength={64}
        onChange={(e) => setAssignee(e.target.value)}
      />
      <button type="button" disabled={!ready || assignee.trim() === ''} onClick={() => void run('assign')}>
        {t('console.assign')}
      </button>
      <button type="button" disabled={!ready} onClick={() => void run('resolve')} data-testid="alert-resolve">
        {t('console.resolve')}
      </button>
    </form>
  );
}
