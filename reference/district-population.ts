/**
 * Population of Long An's district-level units (2021 boundaries), approximate 2019-census figures rounded to the
 * thousand (they sum to ~1.66 M of the province's 1,688,547). Reference figures: the wall's incidence, the
 * simulators and the COVID importer's epidemic levels all use these.
 */
export const DISTRICT_POPULATION: Readonly<Record<string, number>> = {
  '794': 145_000, // TP. Tân An
  '795': 66_000, // TX. Kiến Tường
  '796': 50_000, // huyện Tân Hưng
  '797': 52_000, // huyện Vĩnh Hưng
  '798': 30_000, // huyện Mộc Hóa
  '799': 78_000, // huyện Tân Thạnh
  '800': 57_000, // huyện Thạnh Hóa
  '801': 61_000, // huyện Đức Huệ
  '802': 300_000, // huyện Đức Hòa
  '803': 185_000, // huyện Bến Lức
  '804': 93_000, // huyện Thủ Thừa
  '805': 62_000, // huyện Tân Trụ
  '806': 182_000, // huyện Cần Đước
  '807': 200_000, // huyện Cần Giuộc
  '808': 103_000, // huyện Châu Thành
};

/** The province's 2019 census total. */
export const PROVINCE_POPULATION = 1_688_547;

/** Population used for incidence rates; the province uses its census total. */
export function populationOf(area: string): number | undefined {
  return area === '80' ? PROVINCE_POPULATION : DISTRICT_POPULATION[area];
}
