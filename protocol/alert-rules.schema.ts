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
});
export type AlertRules = z.infer<typeof AlertRules>;
