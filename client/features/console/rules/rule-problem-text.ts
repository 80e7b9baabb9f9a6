import type { MessageKey, Translate } from '../../../i18n';
import { formatNumber } from '../../../ui/format';
import type { RuleProblem } from './rules-draft';

/** The protocol schema's own wording of its refinements, and what the editor says instead. */
const REFINEMENTS: Record<string, MessageKey> = {
  'warning must not be above alarm': 'rules.issue.warningAboveAlarm',
  'clear must not be above warning': 'rules.issue.clearAboveWarning',
  'a delay needs readings or seconds': 'rules.issue.delayEmpty',
  'duplicate site': 'rules.issue.duplicateSite',
};

/** The column a field is under, to name it in a problem. */
export const FIELD_LABEL: Record<string, MessageKey> = {
  warning: 'rules.col.warning',
  alarm: 'rules.col.alarm',
  clear: 'rules.col.clear',
  onDelay: 'rules.col.onDelay',
  onReadings: 'rules.col.onDelay',
  onSeconds: 'rules.col.onDelay',
  offDelay: 'rules.col.offDelay',
  offReadings: 'rules.col.offDelay',
  offSeconds: 'rules.col.offDelay',
  siteId: 'rules.site.id',
};

/** One schema issue in the operator's words (Vietnamese first), with numbers in the locale's format. */
export function ruleProblemText(p: RuleProblem, t: Translate, intl: string): string {
  const issue = p.issue;
  const n = (v: unknown) => formatNumber(Number(v), intl, Number.isInteger(Number(v)) ? 0 : 2);
  let what: string;
  if (issue.code === 'custom' && REFINEMENTS[issue.message]) what = t(REFINEMENTS[issue.message]!);
  else if (issue.code === 'invalid_type' && issue.expected === 'int') what = t('rules.issue.whole');
  else if (issue.code === 'invalid_type') what = t('rules.issue.number');
  else if (issue.code === 'too_small') what = t('rules.issue.min', { min: n(issue.minimum) });
  else if (issue.code === 'too_big') what = t('rules.issue.max', { max: n(issue.maximum) });
  else if (issue.code === 'invalid_key' || issue.code === 'invalid_format') what = t('rules.issue.siteId');
  else what = issue.message;
  const label = p.field ? FIELD_LABEL[p.field] : undefined;
  return label ? `${t(label)}: ${what}` : what;
}
