import type { AlarmPriority } from '../../protocol/alert-rules.schema';
import { useT } from '../i18n/use-t';

/**
 * A priority as a shape and a word, never colour alone (ISA-18.2, WCAG 1.4.1): a triangle for critical, a diamond
 * for high, a square for medium, a circle for low.
 */
const SHAPE: Record<AlarmPriority, string> = { critical: '▲', high: '◆', medium: '■', low: '●' };

export function PriorityBadge({ priority }: { priority: AlarmPriority }) {
  const { t } = useT();
  return (
    <span className={`priority priority--${priority}`} data-testid="alarm-priority" data-priority={priority}>
      <span className="priority__shape" aria-hidden="true">
        {SHAPE[priority]}
      </span>{' '}
      {t(`alert.priority.${priority}`)}
    </span>
  );
}
