/*
 * How long assigning sensor sites to areas takes, shared by the bench (`npx tsx bench/geo-assign.ts [count]`)
 * and the unit tests, which call `benchGeoAssign` with a budget.
 */
import type { LonLat } from '../protocol';
import { SCHEMATIC_2021, assignSites, type AreaSet } from '../geo';

/** `count` sites spread uniformly over the set's bbox, from a fixed seed (a 32-bit LCG is plenty here). */
export function randomSites(count: number, set: AreaSet, seed = 1): { siteId: string; lonLat: LonLat }[] {
  const positions = set.collection.features.flatMap((f) =>
    (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2),
  );
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, (_, i) => ({
    siteId: `bench-${i}`,
    lonLat: [minLon + next() * (maxLon - minLon), minLat + next() * (maxLat - minLat)] as LonLat,
  }));
}

/** Assigns `count` random sites to `set` (index built inside the timing) and reports the wall time. */
export function benchGeoAssign(count = 100_000, set: AreaSet = SCHEMATIC_2021) {
  const sites = randomSites(count, set);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const assigned = assignSites(sites, set);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  let inside = 0;
  for (const code of assigned.values()) if (code !== null) inside++;
  // CPU time as well as wall time: on a shared machine the wall figure mostly measures the neighbours.
  return { count, ms, cpuMs: (cpu.user + cpu.system) / 1000, inside };
}
