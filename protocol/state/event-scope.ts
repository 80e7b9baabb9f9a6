import type { LoggedEvent } from '../events.schema';
import type { AreaRollup } from './apply-events';

/**
 * Whether a dashboard of `area` needs `e`: the events under its area, and every change of the alert rules
 * whatever area it names, since the rules decide every site's status (a district's wall, resyncing over a
 * province-wide rules change, would otherwise keep colouring by the old thresholds). Every operator action
 * reaches every area too: a group alarm spans districts, and its shelving or acknowledgement carries the group's
 * area, above the district whose room lists it. They are few, and on an alarm a room lacks they change nothing.
 */
export function eventReachesArea(e: LoggedEvent, area: string, rollup: AreaRollup): boolean {
  return e.stream === 'ops' || rollup(e.area).includes(area);
}
