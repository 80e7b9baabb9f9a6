import { useT } from '../../../i18n/use-t';
import { RuleField } from './RuleField';
import { ruleProblemText } from './rule-problem-text';
import type { RuleProblem, SiteDraft } from './rules-draft';

/** One site's own thresholds, over its kind's; "off" means no threshold alarms at that site at all. */
export function SiteThresholdRow({
  index,
  draft,
  kindName,
  problems,
  onChange,
  onRemove,
}: {
  index: number;
  draft: SiteDraft;
  /** The site's sensor kind, when the site is known (its thresholds are in that kind's unit). */
  kindName: string | null;
  problems: readonly RuleProblem[];
  onChange: (patch: Partial<SiteDraft>) => void;
  onRemove: () => void;
}) {
  const { t, intl } = useT();
  const name = draft.siteId || t('rules.site.id');
  const invalid = (key: string) => problems.some((p) => p.field === key);
  const field = (key: 'warning' | 'alarm' | 'clear', label: string) => (
    <RuleField
      label={`${name}: ${label}`}
      value={draft[key]}
      invalid={invalid(key)}
      disabled={draft.off}
      onChange={(value) => onChange({ [key]: value })}
      testId={`site-rule-${index}-${key}`}
    />
  );
  return (
    <tr data-testid="site-rule-row" data-site-id={draft.siteId} data-invalid={problems.length > 0}>
      <th scope="row">
        <input
          aria-label={t('rules.site.id')}
          aria-invalid={invalid('siteId') || undefined}
          value={draft.siteId}
          maxLength={64}
          size={14}
          onChange={(e) => onChange({ siteId: e.target.value })}
          data-testid={`site-rule-${index}-siteId`}
        />
        {kindName ? <span className="rules-table__kind"> {kindName}</span> : null}
      </th>
      <td>
        <input
          type="checkbox"
          aria-label={`${name}: ${t('rules.col.off')}`}
          checked={draft.off}
          onChange={(e) => onChange({ off: e.target.checked })}
          data-testid={`site-rule-${index}-off`}
        />
      </td>
      <td>{field('warning', t('rules.col.warning'))}</td>
      <td>{field('alarm', t('rules.col.alarm'))}</td>
      <td>{field('clear', t('rules.col.clear'))}</td>
      <td>
        <button type="button" onClick={onRemove} data-testid={`site-rule-${index}-remove`}>
          {t('rules.site.remove')}
        </button>
      </td>
      <td className="rules-table__problems">
        {problems.map((p, i) => (
          <p key={i} role="alert">
            {ruleProblemText(p, t, intl)}
          </p>
        ))}
      </td>
    </tr>
  );
}
