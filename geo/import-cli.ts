/*
 * npm run geo:import -- <file> [--set NAME] [--valid-from YYYY-MM-DD] [--valid-to YYYY-MM-DD]
 *   [--code-prop code] [--name-prop name] [--kind-prop kind] [--parent-prop parent] [--province CODE]
 *   [--allow-new-codes] [--max-vertices N] [--source TEXT] [--attribution TEXT] [--out DIR]
 *
 * Validates a GeoJSON FeatureCollection of administrative units and installs it as an area set in DIR
 * (default `$DATA_DIR/area-sets`, DATA_DIR defaulting to ./data), where the server loads it at start. A bad file
 * is reported feature by feature and changes nothing. After a good import the sensor sites that lie in no unit
 * of the new set are listed with their distance to the nearest unit (the server draws them as outside).
 * Exit status: 0 imported, 1 rejected, 2 usage error.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { areaSetsDir } from './area-sets-dir';
import { formatProblem } from './import/problem';
import { runImport } from './import/run-import';

const USAGE =
  'usage: npm run geo:import -- <file> [--set NAME] [--valid-from DATE] [--valid-to DATE] [--code-prop code] ' +
  '[--name-prop name] [--kind-prop kind] [--parent-prop parent] [--province CODE] [--allow-new-codes] ' +
  '[--max-vertices N] [--source TEXT] [--attribution TEXT] [--out DIR]';

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        set: { type: 'string' },
        'valid-from': { type: 'string' },
        'valid-to': { type: 'string' },
        'code-prop': { type: 'string', default: 'code' },
        'name-prop': { type: 'string', default: 'name' },
        'kind-prop': { type: 'string', default: 'kind' },
        'parent-prop': { type: 'string', default: 'parent' },
        province: { type: 'string' },
        'allow-new-codes': { type: 'boolean', default: false },
        'max-vertices': { type: 'string' },
        source: { type: 'string' },
        attribution: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const maxVertices = v['max-vertices'] === undefined ? undefined : Number(v['max-vertices']);
  if (maxVertices !== undefined && !(Number.isInteger(maxVertices) && maxVertices > 0)) {
    console.error(`--max-vertices must be a positive integer\n${USAGE}`);
    return 2;
  }
  const outDir = path.resolve(v.out ?? areaSetsDir(process.env.DATA_DIR ?? './data'));
  const file = positionals[0]!;
  const t0 = performance.now();
  const result = runImport({
    file,
    outDir,
    name: v.set,
    validFrom: v['valid-from'] ?? null,
    validTo: v['valid-to'] ?? null,
    props: { code: v['code-prop'], name: v['name-prop'], kind: v['kind-prop'], parent: v['parent-prop'] },
    allowNewCodes: v['allow-new-codes'],
    provinceCode: v.province,
    maxVertices,
    source: v.source,
    attribution: v.attribution,
  });
  if (!result.ok) {
    console.error(`${file}: rejected, nothing was written (${result.problems.length} problem(s))`);
    for (const p of result.problems) console.error(`  ${formatProblem(p)}`);
    return 1;
  }
  const s = result.summary;
  console.log(`${file}: imported ${s.features} features in ${Math.round(performance.now() - t0)} ms`);
  console.log(`  vertices: ${s.verticesBefore} before, ${s.verticesAfter} after simplification`);
  if (s.derived.length) console.log(`  derived from their children: ${s.derived.join(', ')}`);
  for (const a of s.areas)
    console.log(
      `  ${a.code.padEnd(6)} ${a.name.padEnd(24)} ${a.areaKm2.toFixed(2).padStart(10)} km²${a.derived ? ' (derived)' : ''}`,
    );
  console.log(`  wrote ${result.path}`);
  if (result.outsideSites.length === 0) console.log('  every sensor site lies inside a unit of this set');
  else {
    console.log(
      `  ${result.outsideSites.length} sensor site(s) outside every unit (drawn as outside on the map):`,
    );
    for (const o of result.outsideSites)
      console.log(
        `    ${o.siteId.padEnd(14)} ${o.distanceKm.toFixed(2).padStart(7)} km from ${o.nearest}  ${o.name}`,
      );
  }
  if (!v['valid-from'] && !v['valid-to'])
    console.log('  note: no --valid-from/--valid-to, so this set is in force at every instant');
  return 0;
}

process.exitCode = main();
