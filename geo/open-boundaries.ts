import { AREAS_2021, PROVINCE_CODE } from './areas';

/** Attribution the district boundaries' licence (CC BY 3.0 IGO) asks for, as geo/data/sources/SOURCE.md gives it. */
export const OPEN_ATTRIBUTION =
  'Ranh giới hành chính: geoBoundaries (Runfola et al. 2020), OCHA ROAP / Chính phủ Việt Nam, CC BY 3.0 IGO';

/** Where the default 2021 districts come from. */
export const DISTRICT_SOURCE = 'geoBoundaries gbOpen VNM-ADM2-81297802 (ranh giới năm 2020)';

/** The neighbouring provinces are public domain; geoBoundaries is still cited. */
export const NEIGHBOUR_ATTRIBUTION = 'Tỉnh lân cận: geoBoundaries VNM-ADM1 (phạm vi công cộng)';

/** Long An's area as the province states it (km²); the generalised open outline comes out about 1 % larger. */
export const LONG_AN_OFFICIAL_KM2 = 4494.79;

/** Lower case, no diacritics, đ as d: "Huyện Đức Hòa" and "Duc Hoa" fold alike, whatever the tone placement. */
export const foldName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .trim();

const UNIT_PREFIXES = ['thanh pho ', 'thi xa ', 'huyen ', 'quan ', 'tp. ', 'tx. '];

/**
 * Code of the 2021 district-level unit called `name`, with or without its prefix ("Thị xã Kiến Tường",
 * "Kien Tuong"); null when no unit has that name. The open file carries names only, no codes.
 */
export function codeForName(name: string): string | null {
  let folded = foldName(name);
  for (const p of UNIT_PREFIXES) if (folded.startsWith(p)) folded = folded.slice(p.length);
  const unit = AREAS_2021.find((a) => a.parent === PROVINCE_CODE && foldName(a.name) === folded);
  return unit?.code ?? null;
}
