import { z } from 'zod';

/**
 * Open datasets: daily aggregates with no personal or operational detail (no dossier code, procedure, agency,
 * operator or alert), published for an open-data portal and the shared data warehouse.
 */
export const OPEN_DATASET_IDS = [
  'dossiers-by-district-channel',
  'dossier-on-time-by-district',
  'covid-by-district',
  'air-quality-by-site',
  'water-level-by-site',
] as const;
export const OpenDatasetId = z.enum(OPEN_DATASET_IDS);
export type OpenDatasetId = z.infer<typeof OpenDatasetId>;

export const OPEN_DATA_FORMATS = ['csv', 'json'] as const;
export const OpenDataFormat = z.enum(OPEN_DATA_FORMATS);
export type OpenDataFormat = z.infer<typeof OpenDataFormat>;

const Day = z.iso.date();

/**
 * Query of `GET /api/open/datasets/<id>.<csv|json>`: Vietnam-time days, `from` inclusive, `to` exclusive.
 * Either bound left out means the dataset's own coverage.
 */
export const OpenDataQuery = z.strictObject({ from: Day.optional(), to: Day.optional() });
export type OpenDataQuery = z.infer<typeof OpenDataQuery>;

/** The same text in Vietnamese (the portal's language) and English. */
export const LocalizedText = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** One column of a dataset's dictionary, in the order the CSV header and the JSON keys follow. */
export const OpenDataColumn = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** `date` is `YYYY-MM-DD` (Vietnam time); `number` may be empty in CSV / null in JSON when `nullable`. */
  type: z.enum(['date', 'string', 'integer', 'number']),
  nullable: z.boolean(),
  unit: z.string().optional(),
  description: LocalizedText,
  /**
   * For an additive column: the `/api/series` metric whose daily values, for an area, equal the column summed
   * over that area's rows. Lets a harvester reconcile the dataset with the KPI API.
   */
  seriesMetric: z.string().optional(),
});
export type OpenDataColumn = z.infer<typeof OpenDataColumn>;

export const OpenDataDistribution = z.strictObject({
  '@type': z.literal('dcat:Distribution'),
  title: z.string(),
  format: z.enum(['CSV', 'JSON']),
  mediaType: z.enum(['text/csv', 'application/json']),
  /** Absolute URL of the whole dataset; add `?from=&to=` for a period. */
  downloadURL: z.string(),
});
export type OpenDataDistribution = z.infer<typeof OpenDataDistribution>;

/** A dataset entry in the shape of DCAT-US 1.1 (`data.json`), which CKAN's DCAT harvester reads. */
export const OpenDataset = z.strictObject({
  '@type': z.literal('dcat:Dataset'),
  identifier: OpenDatasetId,
  /** Vietnamese, for harvesters that read one language; both languages are in `i18n`. */
  title: z.string(),
  description: z.string(),
  i18n: z.strictObject({ title: LocalizedText, description: LocalizedText }),
  keyword: z.array(z.string()),
  license: z.string(),
  accessLevel: z.literal('public'),
  publisher: z.strictObject({ '@type': z.literal('org:Organization'), name: z.string() }),
  language: z.array(z.string()),
  /** ISO 8601 repeating interval: `R/P1D` = updated daily. */
  accrualPeriodicity: z.string(),
  /** `YYYY-MM-DD/YYYY-MM-DD` (end inclusive), or null while the dataset holds no data yet. */
  temporal: z.string().nullable(),
  /** Bounding box `west,south,east,north` in WGS84 degrees. */
  spatial: z.string(),
  /** Administrative units the rows are broken down by (district-level codes), or sensor sites. */
  spatialResolution: LocalizedText,
  modified: z.string().nullable(),
  distribution: z.array(OpenDataDistribution),
  /** The column dictionary. */
  columns: z.array(OpenDataColumn),
});
export type OpenDataset = z.infer<typeof OpenDataset>;

/** `GET /api/open/catalog.json`. */
export const OpenDataCatalog = z.strictObject({
  '@context': z.string(),
  '@type': z.literal('dcat:Catalog'),
  conformsTo: z.string(),
  title: z.string(),
  description: z.string(),
  i18n: z.strictObject({ title: LocalizedText, description: LocalizedText }),
  license: z.string(),
  dataset: z.array(OpenDataset),
});
export type OpenDataCatalog = z.infer<typeof OpenDataCatalog>;
