import { useT } from '../../../i18n/use-t';
import { formatNumber } from '../../../ui/format';
import { useRulesEditorStore } from './rules-editor.store';

/** What became of the last "apply": logged at a seq, nothing to change, or the server's refusal in plain words. */
export function RulesOutcome() {
  const { t, intl } = useT();
  const outcome = useRulesEditorStore((s) => s.outcome);
  if (!outcome) return null;
  if (outcome.kind === 'saved')
    return (
      <p role="status" data-testid="rules-outcome" data-outcome="saved">
        {t('rules.saved', { seq: formatNumber(outcome.seq, intl) })}
      </p>
    );
  if (outcome.kind === 'unchanged')
    return (
      <p role="status" data-testid="rules-outcome" data-outcome="unchanged">
        {t('rules.unchanged')}
      </p>
    );
  const text =
    outcome.status === 403
      ? t('rules.forbidden')
      : outcome.status === 401
        ? t('rules.signedOut')
        : outcome.status === 0
          ? t('rules.unreachable')
          : t('rules.refused', { error: outcome.error });
  return (
    <p role="alert" data-testid="rules-outcome" data-outcome="refused">
      {text}
    </p>
  );
}
