import type { AlarmPriority } from '../../../../protocol/alert-rules.schema';
import type { SensorKind } from '../../../../protocol/sensor-kind';
import { useT } from '../../../i18n/use-t';
import { RuleField } from './RuleField';
import { ruleProblemText } from './rule-problem-text';
import { PRIORITY_CHOICES, type KindDraft, type RuleProblem } from './rules-draft';

type NumberKey = 'warning' | 'alarm' | 'clear' | 'onReadings' | 'onSeconds' | 'offReadings' | 'offSeconds';

/** Which numbers a problem's field puts in doubt (a delay's "needs readings or seconds" is about both). */
const FIELDS_OF: Record<string, readonly NumberKey[]> = {
  onDelay: ['onReadings', 'onSeconds'],
  offDelay: ['offReadings', 'offSeconds'],
};

/** One sensor kind's rule: thresholds and dead band, on- and off-delay, the priorities of its two levels. */
export function KindRuleRow({
  kind,
  draft,
  problems,
  onChange,
}: {
  kind: SensorKind;
  draft: KindDraft;
  problems: readonly RuleProblem[];
  onChange: (patch: Partial<KindDraft>) => void;
}) {
  const { t, intl } = useT();
  const name = t(`sensor.kind.${kind}`);
  const invalid = (key: NumberKey) =>
    problems.some((p) => p.field === key || (p.field !== null && FIELDS_OF[p.field]?.includes(key)));
  const field = (key: NumberKey, label: string, disabled = false) => (
    <RuleField
      label={`${name}: ${label}`}
      value={draft[key]}
      invalid={invalid(key)}
      disabled={disabled}
      onChange={(value) => onChange({ [key]: value })}
      testId={`rule-${kind}-${key}`}
    />
  );
  const priority = (which: 'priorityWarning' | 'priorityCritical', label: string) => (
    <select
      aria-label={`${name}: ${label}`}
      value={draft[which]}
      onChange={(e) => onChange({ [which]: e.target.value as AlarmPriority })}
      data-testid={`rule-${kind}-${which}`}
    >
      {PRIORITY_CHOICES.map((p) => (
        <option key={p} value={p}>
          {t(`alert.priority.${p}`)}
        </option>
      ))}
    </select>
  );
  return (
    <tr data-testid={`rule-row-${kind}`} data-invalid={problems.length > 0}>
      <th scope="row">{name}</th>
      <td>
        <input
          type="checkbox"
          aria-label={`${name}: ${t('rules.col.off')}`}
          checked={draft.off}
          onChange={(e) => onChange({ off: e.target.checked })}
          data-testid={`rule-${kind}-off`}
        />
      </td>
      <td>{field('warning', t('rules.col.warning'), draft.off)}</td>
      <td>{field('alarm', t('rules.col.alarm'), draft.off)}</td>
      <td>{field('clear', t('rules.col.clear'), draft.off)}</td>
      <td className="rules-table__pair">
        {field('onReadings', t('rules.readings', { which: t('rules.col.onDelay') }))}
        {field('onSeconds', t('rules.seconds', { which: t('rules.col.onDelay') }))}
      </td>
      <td className="rules-table__pair">
        {field('offReadings', t('rules.readings', { which: t('rules.col.offDelay') }))}
        {field('offSeconds', t('rules.seconds', { which: t('rules.col.offDelay') }))}
      </td>
      <td className="rules-table__pair">
        {priority('priorityWarning', t('rules.priority.warning'))}
        {priority('priorityCritical', t('rules.priority.critical'))}
      </td>
      <td className="rules-table__problems" data-testid={`rule-${kind}-problems`}>
        {problems.map((p, i) => (
          <p key={i} role="alert">
            {ruleProblemText(p, t, intl)}
          </p>
        ))}
      </td>
    </tr>
  );
}
