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
 * The alert rules in force. They travel in the event log (`alert-rules:changed`), so a replay evaluates the
 * rules that were in force at the time, exactly as live did. Kinds left out of `sensorThresholds` keep the
 * built-in thresholds; a kind set to null raises no threshold alert.
 */
export const AlertRules = z.strictObject({
  version: z.literal(1),
  sensorThresholds: z.partialRecord(SensorKind, SensorThreshold.nullable()).default({}),
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
