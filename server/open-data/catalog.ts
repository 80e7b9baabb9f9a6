import type { OpenDataCatalog, OpenDataset } from '../../protocol/open-data.schema';
import { DATASETS, PROVINCE, type DatasetDef } from './datasets';
import type { OpenDataSource } from './source';

export const OPEN_DATA_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';
/** Bounding box of Long An, `west,south,east,north` (WGS84 degrees). */
const LONG_AN_BBOX = '105.50,10.40,106.75,11.03';
const PUBLISHER = 'Trung tâm Điều hành thông minh tỉnh Long An (Long An Intelligent Operations Center)';

/** First and last day (inclusive) with data, from the province's daily aggregates; null before any data. */
export async function coverage(
  src: OpenDataSource,
  def: DatasetDef,
): Promise<{ from: string; to: string } | null> {
  if (def.span) return def.span(src);
  const rows = await src.store.dailyAggregates(def.coverageMetric, PROVINCE, '0000-01-01', '9999-12-31');
  const first = rows[0];
  const last = rows[rows.length - 1];
  return first && last ? { from: first.day, to: last.day } : null;
}

async function datasetEntry(src: OpenDataSource, def: DatasetDef, baseUrl: string): Promise<OpenDataset> {
  const span = await coverage(src, def);
  const url = (ext: string) => `${baseUrl}/api/open/datasets/${def.id}.${ext}`;
  return {
    '@type': 'dcat:Dataset',
    identifier: def.id,
    title: def.title.vi,
    description: def.description.vi,
    i18n: { title: def.title, description: def.description },
    keyword: def.keywords,
    license: OPEN_DATA_LICENSE,
    accessLevel: 'public',
    publisher: { '@type': 'org:Organization', name: PUBLISHER },
    language: ['vi', 'en'],
    accrualPeriodicity: 'R/P1D',
    temporal: span ? `${span.from}/${span.to}` : null,
    spatial: LONG_AN_BBOX,
    spatialResolution: def.resolution,
    modified: span ? span.to : null,
    distribution: [
      {
        '@type': 'dcat:Distribution',
        title: `${def.title.vi} (CSV)`,
        format: 'CSV',
        mediaType: 'text/csv',
        downloadURL: url('csv'),
      },
      {
        '@type': 'dcat:Distribution',
        title: `${def.title.vi} (JSON)`,
        format: 'JSON',
        mediaType: 'application/json',
        downloadURL: url('json'),
      },
    ],
    columns: def.columns,
  };
}

/** The DCAT catalogue, in the DCAT-US 1.1 `data.json` shape that CKAN's DCAT harvester reads. */
export async function buildCatalog(src: OpenDataSource, baseUrl: string): Promise<OpenDataCatalog> {
  const title = { vi: 'Dữ liệu mở IOC Long An', en: 'Long An IOC open data' };
  const description = {
    vi: 'Số liệu tổng hợp theo ngày của Trung tâm Điều hành thông minh tỉnh Long An: dịch vụ công, COVID-19, quan trắc môi trường. Không có thông tin cá nhân hay chi tiết vận hành.',
    en: 'Daily aggregates from the Intelligent Operations Center of Long An province: public services, COVID-19, environmental monitoring. No personal or operational detail.',
  };
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    title: title.vi,
    description: description.vi,
    i18n: { title, description },
    license: OPEN_DATA_LICENSE,
    dataset: await Promise.all(DATASETS.map((d) => datasetEntry(src, d, baseUrl))),
  };
}
