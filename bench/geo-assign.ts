/*
 * How long assigning sensor sites to areas takes: `npx tsx bench/geo-assign.ts [count]` prints ms for 100k
 * random sites (default) on the schematic 2021 set (testkit/geo-assign.ts).
 */
import { benchGeoAssign } from '../testkit/geo-assign';

const count = Number(process.argv[2] ?? 100_000);
// The first run includes JIT warm-up, as a server re-assigning sites once per set change would see it.
const runs = [benchGeoAssign(count), benchGeoAssign(count), benchGeoAssign(count)];
const [cold, ...warm] = runs.map((r) => `${r.ms.toFixed(1)} ms (cpu ${r.cpuMs.toFixed(1)})`);
console.log(
  `geo-assign: ${count} sites, ${runs[0]!.inside} inside a unit: ${cold} cold, ${warm.join(', ')} warm`,
);
