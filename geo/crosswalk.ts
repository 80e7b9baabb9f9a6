import { z } from 'zod';
import { AreaCode, parseInstant, type SeriesPoint } from '../protocol';
import crosswalk2025 from './data/crosswalk-2025.json';

/**
 * How units before a boundary change map to units after it. `weight` is the share of the old unit's additive
 * quantities (counts) that continues in the new unit; an old unit's weights sum to at most 1.
 */
export const Crosswalk = z
  .object({
    name: z.string().min(1),
    /** First day of the new units, `YYYY-MM-DD` (Vietnam time). */
    effective: z.iso.date(),
    note: z.string().optional(),
    links: z.array(
      z.object({
        from: AreaCode,
        to: z.array(z.object({ code: AreaCode, weight: z.number().gt(0).max(1) })).min(1),
      }),
    ),
  })
  .refine((c) => c.links.every((l) => l.to.reduce((s, t) => s + t.weight, 0) <= 1 + 1e-9), {
    message: "an old unit's weights must sum to at most 1",
  });
export type Crosswalk = z.infer<typeof Crosswalk>;

/** Long An 2021 → Tây Ninh 2025 (province 80 → 72; Tân An 794 → its three wards). */
export const CROSSWALK_2025: Crosswalk = Crosswalk.parse(crosswalk2025);

type Series = readonly SeriesPoint[];

type Part = { series: ReadonlyMap<string, number | null>; weight: number };

function weightedSum(parts: readonly Part[], t: string): number | null {
  let sum = 0;
  let any = false;
  for (const { series, weight } of parts) {
    const v = series.get(t);
    if (v === null || v === undefined) continue;
    sum += v * weight;
    any = true;
  }
  return any ? sum : null;
}

/**
 * One continuous series for `code` across the change described by `crosswalk`, from the raw series of every
 * code involved (`seriesByCode`, points `{ t, value }` keyed by the same bucket starts).
 * - a new unit: before the change, the weighted sum of the old units that flow into it; after, its own series;
 * - an old unit: before, its own series; after, the sum of the new units it became, each counted by the share of
 *   it that came from this old unit (`weight` over the weights of all links into it: exact when a new unit comes
 *   from a single old unit, as Tân An's wards do);
 * - any other code: its own series.
 * Only meaningful for additive quantities: continue a rate through its numerator and denominator.
 */
export function continueSeries(
  crosswalk: Crosswalk,
  code: string,
  seriesByCode: ReadonlyMap<string, Series>,
): SeriesPoint[] {
  const changeMs = parseInstant(crosswalk.effective);
  const inflow = crosswalk.links.flatMap((l) =>
    l.to.filter((t) => t.code === code).map((t) => ({ from: l.from, weight: t.weight })),
  );
  const outflow = crosswalk.links.find((l) => l.from === code)?.to ?? [];
  const intoTotal = (to: string) =>
    crosswalk.links.reduce((s, l) => s + (l.to.find((t) => t.code === to)?.weight ?? 0), 0);

  const times = new Set<string>();
  // A bucket is complete only when every series it is made of is complete there.
  const inProgress = new Set<string>();
  const byTime = (c: string) => {
    const points = seriesByCode.get(c) ?? [];
    for (const p of points) {
      times.add(p.t);
      if (p.complete === false) inProgress.add(p.t);
    }
    return new Map(points.map((p) => [p.t, p.value]));
  };
  const before: Part[] =
    inflow.length > 0
      ? inflow.map((i) => ({ series: byTime(i.from), weight: i.weight }))
      : [{ series: byTime(code), weight: 1 }];
  const after: Part[] =
    outflow.length > 0
      ? outflow.map((o) => ({ series: byTime(o.code), weight: o.weight / intoTotal(o.code) }))
      : [{ series: byTime(code), weight: 1 }];

  return [...times]
    .map((t) => ({ t, ms: parseInstant(t) }))
    .sort((a, b) => a.ms - b.ms)
    .map(({ t, ms }) => ({
      t,
      value: weightedSum(ms < changeMs ? before : after, t),
      complete: !inProgress.has(t),
    }));
}

/**
 * Values per code for the units after the change, where they have none of their own, carried over from the
 * old units by the crosswalk's weights: a 2025 ward shown over 2021 data gets its share of Tân An. Codes with
 * a value keep it. Only meaningful for additive quantities (counts).
 */
export function carryOver(
  crosswalk: Crosswalk,
  values: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = { ...values };
  const carried: Record<string, number> = {};
  for (const link of crosswalk.links) {
    const from = values[link.from];
    if (from === undefined) continue;
    for (const to of link.to) carried[to.code] = (carried[to.code] ?? 0) + from * to.weight;
  }
  for (const [code, v] of Object.entries(carried)) if (values[code] === undefined) out[code] = v;
  return out;
}
