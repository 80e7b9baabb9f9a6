import type { LoggedEvent } from '../events.schema';
import type { AreaRollup } from './apply-events';

/**
 * Whether a dashboard of `area` needs `e`: the events under its area, and every change of the alert rules
 * whatever area it names, since the rules decide every site's status (a district's wall, resyncing over a
 * province-wide rules change, would otherwise keep colouring by the old thresholds).
 */
export function eventReachesArea(e: LoggedEvent, area: string, rollup: AreaRollup): boolean {
  return (e.stream === 'ops' && e.action === 'alert-rules:changed') || rollup(e.area).includes(area);
}
