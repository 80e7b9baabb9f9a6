import { z } from 'zod';
import { AlertRuleName } from './alert-rules.schema';
import { AreaCode } from './events.schema';
import { IsoInstant } from './http.schema';

/** Query of `GET /api/alarms/report`: `[from, to)`, optionally the alarms touching one area; `format=csv` downloads. */
export const AlarmReportQuery = z.strictObject({
  from: IsoInstant,
  to: IsoInstant,
  area: AreaCode.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type AlarmReportQuery = z.infer<typeof AlarmReportQuery>;

/** The longest range one report folds: a quarter (the log is folded from the snapshot before `from`). */
export const MAX_ALARM_REPORT_DAYS = 92;

const Count = z.number().int().min(0);
const Rate = z.number().min(0);

/**
 * The alarm performance report (ISA-18.2 / EEMUA 191) of a range, computed from the log by the reducers that
 * raise the alarms, so live and replay give the same figures. Targets: ≤ 6 alarms per hour on average, no
 * 10-minute window above 10 (a flood), about 80 / 15 / 5 % low / medium / high, no standing or chattering alarm.
 */
export const AlarmReport = z.strictObject({
  from: z.string(),
  to: z.string(),
  area: z.string().nullable(),
  /** Alarms raised in the range (a group alarm counts once, however many members). */
  alarms: Count,
  perHour: z.strictObject({ mean: Rate, max: Count }),
  perTenMinutes: z.strictObject({ max: Count }),
  /** Runs of consecutive 10-minute windows with more than 10 alarms each, and the longest in minutes. */
  floods: z.strictObject({ count: Count, longestMin: Count }),
  /** Alarms active for more than 24 hours at some instant of the range. */
  standing: Count,
  /** Alarms flagged chattering (a condition raised 3 times within a minute). */
  chattering: Count,
  priorities: z.strictObject({ critical: Count, high: Count, medium: Count, low: Count }),
  /** Seconds from raise to acknowledgement of the alarms raised in the range and acknowledged; null when none. */
  ackTimeS: z.strictObject({ p50: Rate.nullable(), p90: Rate.nullable() }),
  /** The conditions that raised most often (a group counts each member), most first, at most 10. */
  topOffenders: z.array(z.strictObject({ source: z.string(), rule: AlertRuleName, count: Count })),
});
export type AlarmReport = z.infer<typeof AlarmReport>;

/** The CSV variant: one row per figure, `figure,value`. */
export const ALARM_REPORT_CSV_COLUMNS = ['figure', 'value'] as const;

/** The answer to `POST /api/alarms/rules`: whether a change was logged, at which seq, and the rules now in force. */
export const AlarmRulesChange = z.strictObject({
  status: z.enum(['accepted', 'duplicate', 'unchanged']),
  seq: z.number().int().min(0),
  rules: z
    .unknown()
    .meta({ description: 'The AlertRules now in force (the same schema as the rules file).' }),
});
export type AlarmRulesChange = z.infer<typeof AlarmRulesChange>;
