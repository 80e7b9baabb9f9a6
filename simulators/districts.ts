import { DISTRICT_POPULATION } from '../reference/district-population';

export { PROVINCE_POPULATION, populationOf } from '../reference/district-population';

/**
 * What the simulators assume about each district-level unit of Long An (2021 boundaries).
 *
 * `population`: the reference 2019-census figures (reference/district-population.ts).
 *
 * `dossierWeight` (share of the province's dossiers, %): population share, then adjusted for where
 * administrative work concentrates. Tân An has ~8.6 % of the people but is the provincial capital and the
 * most urban unit (land, construction, business and civil-status traffic from all over the province is filed
 * there), so it gets 16 %. The industrial districts bordering Ho Chi Minh City (Đức Hòa, Bến Lức, Cần Giuộc)
 * keep roughly their population share plus a little for business filings; remote rural districts of the
 * Đồng Tháp Mười plain get a little less than theirs.
 *
 * `onlinePropensity`: multiplier on the province's online share of the time. Urban Tân An files online most,
 * the town of Kiến Tường and the industrial belt a bit above average, the remote rural districts well below.
 *
 * `communes`: number of commune-level units, used to number commune People's Committees in agency codes.
 */
export interface DistrictProfile {
  code: string;
  /** Name with its kind, as agency names print it. */
  unitName: string;
  population: number;
  dossierWeight: number;
  onlinePropensity: number;
  communes: number;
  /** Second group of the national agency code of the district People's Committee (`000.00.NN.H38`). */
  agencyNo: number;
}

export const DISTRICT_PROFILES: readonly DistrictProfile[] = [
  {
    code: '794',
    unitName: 'TP. Tân An',
    population: DISTRICT_POPULATION['794']!,
    dossierWeight: 16.0,
    onlinePropensity: 1.9,
    communes: 14,
    agencyNo: 31,
  },
  {
    code: '795',
    unitName: 'TX. Kiến Tường',
    population: DISTRICT_POPULATION['795']!,
    dossierWeight: 4.0,
    onlinePropensity: 1.15,
    communes: 8,
    agencyNo: 32,
  },
  {
    code: '796',
    unitName: 'huyện Tân Hưng',
    population: DISTRICT_POPULATION['796']!,
    dossierWeight: 2.6,
    onlinePropensity: 0.6,
    communes: 12,
    agencyNo: 33,
  },
  {
    code: '797',
    unitName: 'huyện Vĩnh Hưng',
    population: DISTRICT_POPULATION['797']!,
    dossierWeight: 2.7,
    onlinePropensity: 0.6,
    communes: 10,
    agencyNo: 34,
  },
  {
    code: '798',
    unitName: 'huyện Mộc Hóa',
    population: DISTRICT_POPULATION['798']!,
    dossierWeight: 1.6,
    onlinePropensity: 0.6,
    communes: 7,
    agencyNo: 35,
  },
  {
    code: '799',
    unitName: 'huyện Tân Thạnh',
    population: DISTRICT_POPULATION['799']!,
    dossierWeight: 4.0,
    onlinePropensity: 0.65,
    communes: 13,
    agencyNo: 36,
  },
  {
    code: '800',
    unitName: 'huyện Thạnh Hóa',
    population: DISTRICT_POPULATION['800']!,
    dossierWeight: 3.0,
    onlinePropensity: 0.65,
    communes: 11,
    agencyNo: 37,
  },
  {
    code: '801',
    unitName: 'huyện Đức Huệ',
    population: DISTRICT_POPULATION['801']!,
    dossierWeight: 3.0,
    onlinePropensity: 0.6,
    communes: 11,
    agencyNo: 38,
  },
  {
    code: '802',
    unitName: 'huyện Đức Hòa',
    population: DISTRICT_POPULATION['802']!,
    dossierWeight: 16.0,
    onlinePropensity: 1.0,
    communes: 20,
    agencyNo: 39,
  },
  {
    code: '803',
    unitName: 'huyện Bến Lức',
    population: DISTRICT_POPULATION['803']!,
    dossierWeight: 11.5,
    onlinePropensity: 1.05,
    communes: 15,
    agencyNo: 40,
  },
  {
    code: '804',
    unitName: 'huyện Thủ Thừa',
    population: DISTRICT_POPULATION['804']!,
    dossierWeight: 5.0,
    onlinePropensity: 0.8,
    communes: 13,
    agencyNo: 41,
  },
  {
    code: '805',
    unitName: 'huyện Tân Trụ',
    population: DISTRICT_POPULATION['805']!,
    dossierWeight: 3.2,
    onlinePropensity: 0.75,
    communes: 10,
    agencyNo: 42,
  },
  {
    code: '806',
    unitName: 'huyện Cần Đước',
    population: DISTRICT_POPULATION['806']!,
    dossierWeight: 9.6,
    onlinePropensity: 0.9,
    communes: 17,
    agencyNo: 43,
  },
  {
    code: '807',
    unitName: 'huyện Cần Giuộc',
    population: DISTRICT_POPULATION['807']!,
    dossierWeight: 12.3,
    onlinePropensity: 1.0,
    communes: 17,
    agencyNo: 44,
  },
  {
    code: '808',
    unitName: 'huyện Châu Thành',
    population: DISTRICT_POPULATION['808']!,
    dossierWeight: 5.5,
    onlinePropensity: 0.8,
    communes: 13,
    agencyNo: 45,
  },
];

const byCode = new Map(DISTRICT_PROFILES.map((d) => [d.code, d]));

export function districtProfile(code: string): DistrictProfile | undefined {
  return byCode.get(code);
}
