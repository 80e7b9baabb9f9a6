/**
 * Epidemic level 1–4 from the 7-day incidence per 100,000 people, after the case-rate criterion of
 * Resolution 128/NQ-CP (Oct 2021): below 20 low, 20–49 medium, 50–149 high, 150 and above very high.
 * The resolution also weighs vaccination and hospital capacity; the dashboard has neither per district, so
 * the case rate alone decides, the same way for simulated and imported reports.
 */
export function epidemicLevel(casesLast7Days: number, population: number): 1 | 2 | 3 | 4 {
  const per100k = (casesLast7Days * 100_000) / population;
  if (per100k < 20) return 1;
  if (per100k < 50) return 2;
  if (per100k < 150) return 3;
  return 4;
}
