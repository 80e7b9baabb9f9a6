import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * Streams of randomness. Each (seed, stream, day, sub) gets its own generator, so a day can be generated
 * without generating the days before it, and adding a stream never shifts the numbers of another.
 */
export const Stream = {
  dossierVolume: 1,
  dossier: 2,
  covid: 3,
  vaccine: 4,
  sensorFault: 5,
  sensorNoise: 6,
  weather: 7,
} as const;
export type StreamId = (typeof Stream)[keyof typeof Stream];

/** A 32-bit avalanche mix (lowbias32): nearby inputs give unrelated outputs, which raw seeds would not. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Order-sensitive hash of up to five integers, as an unsigned 32-bit number. Fixed arity: it runs per reading. */
export function hash(a: number, b = 0, c = 0, d = 0, e = 0): number {
  let h = mix32(a ^ 0x9e3779b9);
  h = mix32((h + Math.imul(b | 0, 0x85ebca6b)) | 0);
  h = mix32((h ^ Math.imul(c | 0, 0xc2b2ae35)) | 0);
  h = mix32((h + Math.imul(d | 0, 0x27d4eb2f)) | 0);
  h = mix32((h ^ Math.imul(e | 0, 0x165667b1)) | 0);
  return h;
}

/** A hash as a uniform number in [0, 1). */
export function hashFloat(a: number, b = 0, c = 0, d = 0, e = 0): number {
  return hash(a, b, c, d, e) / 4294967296;
}

/** FNV-1a of a string, so site ids (not their position in a list) key their randomness. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** A mutable generator with the few distributions the simulators need, on top of pure-rand's xoroshiro128+. */
export class Rng {
  constructor(private readonly gen: RandomGenerator) {}

  /** Uniform in [0, 1). One 32-bit draw is plenty for a simulation and halves the cost of uniformFloat64. */
  float(): number {
    return (this.gen.next() >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Standard normal by Box–Muller; the second value is dropped to keep the state a plain function of draws. */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Index drawn from cumulative weights (last entry = total). */
  pickCumulative(cum: ArrayLike<number>): number {
    const total = cum[cum.length - 1]!;
    const x = this.float() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** The generator of one (seed, stream, day, sub) cell. */
export function rngFor(seed: number, stream: StreamId, day: number, sub = 0): Rng {
  const s = [
    hash(seed, stream, day, sub, 1),
    hash(seed, stream, day, sub, 2),
    hash(seed, stream, day, sub, 3),
  ];
  // xoroshiro must not start from an all-zero state; a constant last word rules that out.
  return new Rng(xoroshiro128plusFromState([s[0]! | 0, s[1]! | 0, s[2]! | 0, 0x2545f491]));
}

/** Multiplicative noise with median 1: exp(sigma * z) for a hashed standard normal z. */
export function lognormalFromHash(sigma: number, a: number, b = 0, c = 0, d = 0): number {
  const u = 1 - hashFloat(a, b, c, d, 11);
  const v = hashFloat(a, b, c, d, 12);
  return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

/**
 * Rounds non-negative fractional targets to integers whose sum is exactly `total`, by the largest-remainder
 * method (ties broken by index), so a calibrated total survives rounding whatever the seed.
 */
export function largestRemainder(targets: ArrayLike<number>, total: number): Int32Array {
  const n = targets.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += targets[i]!;
  const scale = sum > 0 ? total / sum : 0;
  const rema = new Float64Array(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const x = targets[i]! * scale;
    const f = Math.floor(x);
    out[i] = f;
    rema[i] = x - f;
    assigned += f;
  }
  let left = total - assigned;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => rema[b]! - rema[a]! || a - b);
    for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]!]!++;
  }
  return out;
}
