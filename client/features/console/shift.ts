import { z } from 'zod';
import { alertIsActive, type Alert } from '../../../protocol/state/alerts';
import { VN_OFFSET_MS } from '../../../protocol/time';

/**
 * Shift times for the handover: the hours (Vietnam time, on the scenario clock) at which a shift starts. Three
 * 8-hour shifts by default, as the IOC's duty roster runs; a control room with other hours opens the console
 * with `?shifts=7,19`.
 */
export const DEFAULT_SHIFT_STARTS: readonly number[] = [6, 14, 22];

const shiftStartsSchema = z
  .array(z.coerce.number().int().min(0).max(23))
  .min(1)
  .max(24)
  .refine((hs) => new Set(hs).size === hs.length, 'each hour once');

/** The shift starts from the page address (`?shifts=6,14,22`), the defaults when absent or invalid. */
export function shiftStartsFrom(search: string): readonly number[] {
  const raw = new URLSearchParams(search).get('shifts');
  if (raw === null) return DEFAULT_SHIFT_STARTS;
  const parsed = shiftStartsSchema.safeParse(raw.split(','));
  return parsed.success ? [...parsed.data].sort((a, b) => a - b) : DEFAULT_SHIFT_STARTS;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** When the shift in progress at `nowMs` started: the latest shift start at or before it. */
export function shiftStartMs(nowMs: number, starts: readonly number[] = DEFAULT_SHIFT_STARTS): number {
  const local = nowMs + VN_OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  const candidates = starts.flatMap((h) => [midnight + h * HOUR_MS, midnight - DAY_MS + h * HOUR_MS]);
  return Math.max(...candidates.filter((c) => c <= local)) - VN_OFFSET_MS;
}

/** The last time anything happened to an alert: raised, ended, acknowledged or resolved. */
function lastActivityMs(a: Alert): number {
  return Math.max(a.raisedTsMs, a.clearedTsMs ?? 0, a.ack?.tsMs ?? 0, a.resolved?.tsMs ?? 0);
}

/**
 * What the next shift takes over: every alert whose condition holds now and is not resolved, plus every alert
 * something happened to since the shift started — and nothing else, so a warning that ended in 2020 and was
 * never acknowledged does not fill the handover of 2021 (whether it still needs action is the alarm model's
 * call, shown in the list beside). Newest activity first.
 */
export function handoverAlerts(alerts: readonly Alert[], shiftStart: number): Alert[] {
  return alerts
    .filter((a) => alertIsActive(a) || lastActivityMs(a) >= shiftStart)
    .sort((a, b) => lastActivityMs(b) - lastActivityMs(a));
}
