/*
 * Regenerates geo/data/tayninh-2025.schematic.geo.json, the schematic set valid from 2025-07-01, from the 2021
 * schematic set. Run: `npx tsx geo/build-schematic-2025.ts`; the output is deterministic.
 *
 * On 1 July 2025 Long An merged into Tây Ninh (Resolution 202/2025/QH15), which kept Tây Ninh's code 72, and the
 * district level was abolished. Resolution 1682/NQ-UBTVQH15 (items 84–86) turned Tân An's 13 units into three
 * wards: Long An (Phường 1, 3, 4, 5, 6, Hướng Thọ Phú, Bình Thạnh), Tân An (Phường 7, Bình Tâm, Nhơn Thạnh Trung,
 * An Vĩnh Ngãi) and Khánh Hậu (Tân Khánh, Khánh Hậu, Lợi Bình Nhơn).
 *
 * The rest of the former province became about sixty new communes, for which no geometry is available: each former
 * district is drawn as one schematic unit ("Bến Lức (cũ)"), keeping its 2021 code and its real 2021 outline, so a
 * replay after the change still draws the whole former province and its figures continue under the same code.
 *
 * Assumed, not verified: the ward codes. New units took the code of one of the units merged into them; 27694,
 * 27712 and 27715 are the 2021 codes we believe belonged to Phường 1, Bình Tâm and Khánh Hậu. Check them against
 * the official list before relying on them. The geometry is schematic: Tân An's real 2020 outline split in three
 * around points placed by general knowledge (centre; east towards Bình Tâm; west along QL1 towards Khánh Hậu).
 * Only the former Long An part of the new province is drawn.
 */
import turfArea from '@turf/area';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import type { AreaGeometry, LonLat } from '../protocol';
import { parseAreaSet } from './area-set';
import areaData2021 from './data/longan-2021.geo.json';
import { DISTRICTS_2021, PROVINCE_CODE, TAN_AN_CODE } from './areas';
import { voronoiCells } from './schematic/districts';
import { polygonContains, polygonsOf } from './ring';

export const TAY_NINH_CODE = '72';

const WARDS: { code: string; name: string; seed: LonLat }[] = [
  { code: '27694', name: 'Phường Long An', seed: [106.42, 10.54] },
  { code: '27712', name: 'Phường Tân An', seed: [106.44, 10.53] },
  { code: '27715', name: 'Phường Khánh Hậu', seed: [106.37, 10.53] },
];

const areaKm2 = (g: AreaGeometry) => Math.round(turfArea(g) / 1e5) / 10;
// Read directly rather than through built-in-sets, which also loads the file this script writes.
const parsed2021 = parseAreaSet(areaData2021);
if (!parsed2021.ok) throw new Error(parsed2021.errors.join('\n'));
const featureOf = (code: string) =>
  parsed2021.set.collection.features.find((f) => f.properties.code === code)!;
const geometryOf = (code: string) => featureOf(code).geometry;

const tanAn = geometryOf(TAN_AN_CODE);
if (tanAn.type !== 'Polygon') throw new Error('Tân An is expected to be one polygon');
const cells = voronoiCells(
  tanAn.coordinates[0]!,
  WARDS.map((w) => w.seed),
);
WARDS.forEach((w, i) => {
  if (!polygonsOf(cells[i]!).some((p) => polygonContains(p, w.seed)))
    throw new Error(`seed of ${w.name} lies outside its cell`);
});
const province = geometryOf(PROVINCE_CODE);
const collection = {
  type: 'FeatureCollection' as const,
  name: 'tayninh-2025-schematic',
  validFrom: '2025-07-01',
  source: 'Sơ đồ minh hoạ trên ranh giới huyện năm 2020 (geoBoundaries)',
  attribution: parsed2021.set.collection.attribution,
  features: [
    {
      type: 'Feature' as const,
      properties: {
        code: TAY_NINH_CODE,
        name: 'Tây Ninh',
        kind: 'province' as const,
        parent: null,
        schematic: true,
        areaKm2: areaKm2(province),
      },
      geometry: province,
    },
    ...WARDS.map((w, i) => ({
      type: 'Feature' as const,
      properties: {
        code: w.code,
        name: w.name,
        kind: 'ward' as const,
        parent: TAY_NINH_CODE,
        schematic: true,
        areaKm2: areaKm2(cells[i]!),
      },
      geometry: cells[i]!,
    })),
    ...DISTRICTS_2021.filter((d) => d.code !== TAN_AN_CODE).map((d) => ({
      type: 'Feature' as const,
      properties: {
        code: d.code,
        name: `${d.name} (cũ)`,
        kind: 'commune' as const,
        parent: TAY_NINH_CODE,
        schematic: true,
        areaKm2: featureOf(d.code).properties.areaKm2,
      },
      geometry: geometryOf(d.code),
    })),
  ],
};

const path = fileURLToPath(new URL('./data/tayninh-2025.schematic.geo.json', import.meta.url));
const options = (await prettier.resolveConfig(path)) ?? {};
await writeFile(path, await prettier.format(JSON.stringify(collection), { ...options, filepath: path }));
console.log(`wrote ${path}`);
for (const f of collection.features)
  console.log(`${f.properties.code.padEnd(6)} ${f.properties.areaKm2} km²`);
