import { dayInfo, dayStartMs } from './calendar';
import { Stream, rngFor } from './rng';

/** One shower over the province: sensors see it at their own intensity (or miss it, for a local shower). */
export interface RainEvent {
  startMs: number;
  durMs: number;
  /** Peak intensity, mm/h. */
  peakMmH: number;
  /** Total fallen at the peak intensity's scale, mm. */
  totalMm: number;
}

const HOUR = 3_600_000;
// Southern rainy season May–November; the dry season (Dec–Apr) sees a shower only now and then.
const RAIN_DAY_PROBABILITY = [0.03, 0.02, 0.05, 0.12, 0.45, 0.6, 0.6, 0.65, 0.7, 0.65, 0.4, 0.12];

/** Daily showers, a pure function of (seed, day); cached because every rain-aware reading asks. */
export class Weather {
  private readonly cache = new Map<number, RainEvent | null>();

  constructor(private readonly seed: number) {}

  rainOn(day: number): RainEvent | null {
    let ev = this.cache.get(day);
    if (ev === undefined) {
      ev = this.draw(day);
      this.cache.set(day, ev);
      if (this.cache.size > 512) this.cache.delete(this.cache.keys().next().value!);
    }
    return ev;
  }

  private draw(day: number): RainEvent | null {
    const rng = rngFor(this.seed, Stream.weather, day);
    if (!rng.chance(RAIN_DAY_PROBABILITY[dayInfo(day).month - 1]!)) return null;
    // Convective showers build in the afternoon; a few fall at night.
    const startH = rng.chance(0.85) ? rng.between(13, 18) : rng.between(0, 24);
    const durMs = Math.floor(rng.between(0.5, 2.5) * HOUR);
    const peakMmH = 14 * Math.exp(0.6 * rng.normal());
    return {
      startMs: dayStartMs(day) + Math.floor(startH * HOUR),
      durMs,
      peakMmH,
      totalMm: (peakMmH * (durMs / HOUR) * 2) / Math.PI,
    };
  }

  /** Province-wide intensity at an instant, mm/h (a half-sine over the shower). */
  intensity(tMs: number, day: number): number {
    let v = 0;
    for (let d = day - 1; d <= day; d++) {
      const ev = this.rainOn(d);
      if (ev && tMs >= ev.startMs && tMs < ev.startMs + ev.durMs) {
        v += ev.peakMmH * Math.sin((Math.PI * (tMs - ev.startMs)) / ev.durMs);
      }
    }
    return v;
  }

  /** Rain of the last three days, mm, each shower fading with a one-day time constant: the rivers' memory. */
  recentRainMm(tMs: number, day: number): number {
    let s = 0;
    for (let d = day - 3; d <= day; d++) {
      const ev = this.rainOn(d);
      if (!ev || tMs < ev.startMs) continue;
      const end = ev.startMs + ev.durMs;
      const fallen = tMs >= end ? 1 : (tMs - ev.startMs) / ev.durMs;
      const age = Math.max(0, tMs - end);
      s += ev.totalMm * fallen * Math.exp(-age / (24 * HOUR));
    }
    return s;
  }
}
