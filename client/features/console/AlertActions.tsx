import { useState } from 'react';
import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { sendAlertCommand, type AlertAction } from './alert-command';
import { useConsoleStore } from './console.store';

/**
 * Acknowledge (with a comment), assign, resolve, shelve. Each is one command whose answer says it is in the log; the
 * card itself changes only when the event comes back through the feed, like on the wall. Enter in the comment
 * field acknowledges: the keyboard path needs no Tab to the button.
 */
export function AlertActions({
  alert,
  onDone,
}: {
  alert: Alert;
  /** Called after the server logged an action, so the list can move on to the next alert. */
  onDone?: (action: AlertAction) => void;
}) {
  const { t } = useT();
  const [comment, setComment] = useState('');
  const [assignee, setAssignee] = useState(alert.assignee ?? '');
  const operator = useConsoleStore((s) => s.operator);
  const busy = useConsoleStore((s) => s.busy[alert.id] === true);
  // The same hook the `s` shortcut calls, so the button and the key open the same form.
  const shelve = useConsoleStore((s) => s.shelve);
  const ready = useConsoleStore((s) => s.commands !== null) && operator.trim() !== '' && !busy;

  const run = async (action: AlertAction) => {
    if (await sendAlertCommand(alert, action, { comment, assignee }, t)) {
      setComment('');
      onDone?.(action);
    }
  };

  return (
    <form
      className="alert-actions"
      onSubmit={(e) => {
        e.preventDefault();
        // Only an acknowledgement rides on Enter: resolving is a decision worth a deliberate button.
        if (ready && !alert.ack) void run('ack');
      }}
    >
      <input
        aria-label={t('console.comment')}
        placeholder={t('console.comment')}
        value={comment}
        maxLength={500}
        onChange={(e) => setComment(e.target.value)}
        data-testid="alert-comment"
      />
      {alert.ack ? null : (
        <button type="submit" disabled={!ready} data-testid="alert-ack">
          {t('console.ack')}
        </button>
      )}
      <input
        aria-label={t('console.assignee')}
        placeholder={t('console.assignee')}
        value={assignee}
        maxLength={64}
        onChange={(e) => setAssignee(e.target.value)}
        onKeyDown={(e) => {
          // Enter here means "assign", not the form's acknowledge.
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (ready && assignee.trim() !== '') void run('assign');
        }}
      />
      <button type="button" disabled={!ready || assignee.trim() === ''} onClick={() => void run('assign')}>
        {t('console.assign')}
      </button>
      <button type="button" disabled={!ready} onClick={() => void run('resolve')} data-testid="alert-resolve">
        {t('console.resolve')}
      </button>
      {shelve ? (
        <button type="button" disabled={!ready} onClick={() => shelve(alert)} data-testid="alert-shelve">
          {t('console.shelve.open')}
        </button>
      ) : null}
    </form>
  );
}
