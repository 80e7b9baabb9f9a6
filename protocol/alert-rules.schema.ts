import { z } from 'zod';
import { SensorKind } from './sensor-kind';

const Level = z.number().finite().min(-1e6).max(1e6);

/**
 * Thresholds of one sensor kind, in the kind's unit. A reading at or above `alarm` raises a critical alert,
 * at or above `warning` a warning. A warning clears once the value is below `clear` (default: half the gap
 * between warning and alarm under the warning level), so a value hovering at the line does not flap; a
 * critical alert clears once the value is back below `warning`.
 */
export const SensorThreshold = z
  .strictObject({ warning: Level, alarm: Level, clear: Level.optional() })
  .refine((t) => t.warning <= t.alarm, { message: 'warning must not be above alarm' })
  .refine((t) => t.clear === undefined || t.clear <= t.warning, {
    message: 'clear must not be above warning',
  });
export type SensorThreshold = z.infer<typeof SensorThreshold>;

/**
 * When a sensor counts as stuck: `repeats` identical consecutive readings. A value at or below
 * `ignoreAtOrBelow` is never stuck, however long it lasts: a dry rain gauge reads 0 all day and a quiet
 * street sits at the noise meter's floor, both honestly.
 */
export const StuckRule = z.strictObject({
  repeats: z.number().int().min(2).max(1_000_000),
  ignoreAtOrBelow: Level.optional(),
});
export type StuckRule = z.infer<typeof StuckRule>;

/** ISA-18.2 priority of an alarm: what the operator should do first. Shown as a shape and a word, never colour alone. */
export const AlarmPriority = z.enum(['critical', 'high', 'medium', 'low']);
export type AlarmPriority = z.infer<typeof AlarmPriority>;
export const ALARM_PRIORITIES = AlarmPriority.options;

/** The rules that raise alarms, as they name themselves in an alarm. */
export const AlertRuleName = z.enum(['sensor-threshold', 'sensor-offline', 'epidemic-level', 'dossier-late']);
export type AlertRuleName = z.infer<typeof AlertRuleName>;

/**
 * How long a condition must hold: `readings` consecutive readings and (when both are given) `seconds` of sensor
 * time since the first of them. `{ readings: 1 }` is immediate.
 */
export const ConditionDelay = z
  .strictObject({
    readings: z.number().int().min(1).max(1000).optional(),
    seconds: z.number().int().min(0).max(86_400).optional(),
  })
  .refine((d) => d.readings !== undefined || d.seconds !== undefined, {
    message: 'a delay needs readings or seconds',
  });
export type ConditionDelay = z.infer<typeof ConditionDelay>;

/** The priority of a rule's warning and of its critical level. */
export const LevelPriorities = z.strictObject({
  warning: AlarmPriority.optional(),
  critical: AlarmPriority.optional(),
});
export type LevelPriorities = z.infer<typeof LevelPriorities>;

/**
 * Alarm handling of one sensor kind: the on-delay a threshold condition must hold before it raises, the
 * off-delay it must be back under the line before it clears (the value dead band is the threshold's `clear`),
 * and the priorities of its two levels.
 */
export const SensorAlarmRule = z.strictObject({
  onDelay: ConditionDelay.optional(),
  offDelay: ConditionDelay.optional(),
  priority: LevelPriorities.optional(),
});
export type SensorAlarmRule = z.infer<typeof SensorAlarmRule>;

/**
 * Alarm management (ISA-18.2): what turns a condition into an alarm an operator must act on. Every field is
 * optional and falls back to `BUILT_IN_ALARM_RULES`, so rule sets logged before it existed read the same.
 */
export const AlarmHandling = z.strictObject({
  /** Priorities of each rule's levels; a rule left out keeps the built-in ones. */
  priorities: z.partialRecord(AlertRuleName, LevelPriorities).optional(),
  /** Per sensor kind: delays and priorities of its threshold alarms. */
  sensors: z.partialRecord(SensorKind, SensorAlarmRule).optional(),
  /**
   * Grouping: the same rule at the same level on sites of one kind (or districts) within this many minutes of the
   * first is one alarm with members. 0 turns grouping off.
   */
  groupWindowMin: z.number().int().min(0).max(1440).optional(),
  /**
   * The same for the area rules (epidemic level, late dossiers), whose reports come daily: districts reaching level
   * 3 over a week of the same wave are one alarm until it is acknowledged. 0 turns it off.
   */
  areaGroupWindowMin: z
    .number()
    .int()
    .min(0)
    .max(31 * 1440)
    .optional(),
  /** A condition raised this many times within 60 s is chattering (ISA-18.2: 3 a minute). */
  chatterPerMinute: z.number().int().min(2).max(60).optional(),
  /**
   * Rules whose alarms are informational: once the condition has ended they need no acknowledgement and leave
   * the open list (they stay in history and in the report). Built in: `dossier-late` (the day is over).
   */
  informational: z.array(AlertRuleName).max(4).optional(),
});
export type AlarmHandling = z.infer<typeof AlarmHandling>;

/**
 * The alert rules in force. They travel in the event log (`alert-rules:changed`), so a replay evaluates the
 * rules that were in force at the time, exactly as live did. Kinds left out of `sensorThresholds` keep the
 * built-in thresholds; a kind set to null raises no threshold alert.
 */
export const AlertRules = z.strictObject({
  version: z.literal(1),
  sensorThresholds: z.partialRecord(SensorKind, SensorThreshold.nullable()).default({}),
  /**
   * The stuck-sensor rule per kind; a kind left out keeps the built-in rule, a kind set to null is never
   * stuck. Optional, not defaulted: rule changes logged before it existed carry none and are not re-parsed.
   */
  stuckReadings: z.partialRecord(SensorKind, StuckRule.nullable()).optional(),
  /** A site silent for longer than this (scenario minutes) raises a warning; its next reading clears it. */
  sensorOfflineAfterMin: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(15),
  /** Epidemic level (1–4, Resolution 128/NQ-CP) at which an area raises a warning, and a critical alert. */
  epidemic: z
    .strictObject({
      warningLevel: z.number().int().min(2).max(4),
      criticalLevel: z.number().int().min(2).max(4),
    })
    .refine((e) => e.warningLevel <= e.criticalLevel, {
      message: 'warningLevel must not be above criticalLevel',
    })
    .default({ warningLevel: 3, criticalLevel: 4 }),
  /** Late resolutions in one area on one Vietnam-time day that raise a warning; 0 turns the rule off. */
  lateDossiersPerDay: z.number().int().min(0).max(100_000).default(5),
  /**
   * Thresholds of single sites, over their kind's (`null`: no threshold alarms at that site). Optional, not
   * defaulted, for the same reason as `stuckReadings`.
   */
  siteThresholds: z
    .record(z.string().regex(/^[\w.:-]{1,64}$/), SensorThreshold.nullable())
    .refine((r) => Object.keys(r).length <= 10_000, { message: 'at most 10000 sites' })
    .optional(),
  /** Alarm management: delays, priorities, grouping, chattering, informational rules. */
  alarms: AlarmHandling.optional(),
});
export type AlertRules = z.infer<typeof AlertRules>;
