/**
 * Long An's provincial public-service catalogue by year and level, per the seed report (2021: 161 level-3 and
 * 1,421 level-4 of 1,860 services; 2020: 894 level-4). Reference figures: the review reports them and the
 * simulator draws its procedures from them. Years after 2021 are the plan towards the 2025 target.
 */
import type { ServiceCatalogueYear } from '../protocol';

/**
 * Level-3 and level-4 service counts per year (the rest of the catalogue is level 2), and how many procedures
 * are eligible for level 4: those whose legal conditions allow them to be done wholly online. The seed: in
 * 2021 the province put 100 % of its eligible services online at level 4 (the 1,421), beyond its own 2021
 * target of 35 %; the procedures raised after 2021 became eligible as rules changed.
 */
export const LEVEL_COUNTS: Readonly<
  Record<number, { level3: number; level4: number; eligibleLevel4: number }>
> = {
  2019: { level3: 560, level4: 310, eligibleLevel4: 1421 },
  2020: { level3: 470, level4: 894, eligibleLevel4: 1421 },
  2021: { level3: 161, level4: 1421, eligibleLevel4: 1421 },
  2022: { level3: 120, level4: 1510, eligibleLevel4: 1510 },
  2023: { level3: 100, level4: 1560, eligibleLevel4: 1560 },
  2024: { level3: 80, level4: 1600, eligibleLevel4: 1600 },
  2025: { level3: 60, level4: 1640, eligibleLevel4: 1640 },
};
/** First and last year the catalogue covers. */
export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2025;

/** Provincial catalogue size: the seed's 161 (8.7 %) level-3 and 1,421 (76 %) level-4 services of 2021. */
export const CATALOGUE_SIZE = 1860;

export type CatalogueYear = ServiceCatalogueYear;

/** Services by level and year. 2021: 161 L3 + 1,421 L4 of 1,860; 2020: 894 L4 (1,421 = +59 %). */
export const SERVICE_CATALOGUE: Readonly<Record<number, CatalogueYear>> = Object.fromEntries(
  Object.entries(LEVEL_COUNTS).map(([y, c]) => [Number(y), { year: Number(y), total: CATALOGUE_SIZE, ...c }]),
);
