import { METRIC, metricFigure, vnDateKey, type MetricName, type SensorKind } from '../../protocol';
import type { LocalizedText, OpenDataColumn, OpenDatasetId } from '../../protocol/open-data.schema';
import { districtDays } from './district-rows';
import { siteDays } from './site-rows';
import type { Cell, OpenDataSource } from './source';

export interface DatasetDef {
  id: OpenDatasetId;
  title: LocalizedText;
  description: LocalizedText;
  keywords: string[];
  resolution: LocalizedText;
  columns: OpenDataColumn[];
  /** Metric whose province aggregates mark the days the dataset holds data (its temporal coverage). */
  coverageMetric: MetricName;
  /** First and last day with data, when the dataset's own source says it better than `coverageMetric`. */
  span?(src: OpenDataSource): Promise<{ from: string; to: string } | null>;
  /** Rows of [fromDay, toDay) in column order, produced lazily. */
  rows(src: OpenDataSource, fromDay: string, toDay: string): AsyncIterable<Cell[]>;
}

const PROVINCE = '80';

type ColumnType = OpenDataColumn['type'];
const col = (
  name: string,
  type: ColumnType,
  vi: string,
  en: string,
  extra: Partial<Omit<OpenDataColumn, 'seriesMetric'>> & { seriesMetric?: MetricName } = {},
): OpenDataColumn => ({ name, type, nullable: false, description: { vi, en }, ...extra });

const DATE = col('date', 'date', 'Ngày (giờ Việt Nam), YYYY-MM-DD', 'Day (Vietnam time), YYYY-MM-DD');
const AREA_CODE = col(
  'area_code',
  'string',
  'Mã đơn vị hành chính cấp huyện (danh mục quốc gia)',
  'District-level administrative unit code (national list)',
);
const AREA_NAME = col('area_name', 'string', 'Tên đơn vị hành chính', 'Name of the administrative unit');
const BY_DISTRICT: LocalizedText = { vi: 'Ngày × đơn vị cấp huyện', en: 'Day × district-level unit' };
const BY_SITE: LocalizedText = { vi: 'Ngày × trạm quan trắc', en: 'Day × monitoring site' };

const count = (row: { value: number } | undefined) => row?.value ?? 0;
const round = (x: number) => Math.round(x * 1e4) / 1e4;

const dossiersByChannel: DatasetDef = {
  id: 'dossiers-by-district-channel',
  title: {
    vi: 'Hồ sơ thủ tục hành chính tiếp nhận theo ngày, huyện và kênh nộp',
    en: 'Public-service dossiers received per day, district and channel',
  },
  description: {
    vi: 'Số hồ sơ được tiếp nhận mỗi ngày ở từng đơn vị cấp huyện, theo kênh: trực tuyến, bưu chính công ích, trực tiếp. Không chứa thông tin cá nhân hay mã hồ sơ.',
    en: 'Dossiers received each day in each district-level unit, by channel: online, public postal service, at the counter. No personal data and no dossier codes.',
  },
  keywords: ['dịch vụ công', 'public services', 'hồ sơ', 'dossiers', 'online'],
  resolution: BY_DISTRICT,
  columns: [
    DATE,
    AREA_CODE,
    AREA_NAME,
    col('channel', 'string', 'Kênh nộp: online, postal, counter', 'Channel: online, postal, counter'),
    col('submitted', 'integer', 'Số hồ sơ tiếp nhận', 'Dossiers received', {
      unit: 'dossiers',
      seriesMetric: 'dossier.submitted',
    }),
  ],
  coverageMetric: 'dossier.submitted',
  async *rows(src, fromDay, toDay) {
    const metrics: MetricName[] = [
      'dossier.submitted',
      'dossier.online_submitted',
      'dossier.postal_submitted',
    ];
    for await (const d of districtDays(src, metrics, fromDay, toDay)) {
      const all = count(d.get('dossier.submitted'));
      if (all === 0) continue;
      const online = count(d.get('dossier.online_submitted'));
      const postal = count(d.get('dossier.postal_submitted'));
      // The three channels are exhaustive, so the counter channel is what the other two leave.
      yield [d.day, d.code, d.name, 'online', online];
      yield [d.day, d.code, d.name, 'postal', postal];
      yield [d.day, d.code, d.name, 'counter', all - online - postal];
    }
  },
};

const onTimeByDistrict: DatasetDef = {
  id: 'dossier-on-time-by-district',
  title: {
    vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn theo ngày và huyện',
    en: 'Dossiers resolved on time per day and district',
  },
  description: {
    vi: 'Số hồ sơ đã giải quyết, số giải quyết đúng hạn và tỷ lệ đúng hạn (0–1) mỗi ngày ở từng đơn vị cấp huyện.',
    en: 'Dossiers resolved, resolved on time, and the on-time rate (0–1) each day in each district-level unit.',
  },
  keywords: ['dịch vụ công', 'public services', 'đúng hạn', 'on time'],
  resolution: BY_DISTRICT,
  columns: [
    DATE,
    AREA_CODE,
    AREA_NAME,
    col('resolved', 'integer', 'Số hồ sơ đã giải quyết', 'Dossiers resolved', {
      unit: 'dossiers',
      seriesMetric: 'dossier.resolved',
    }),
    col('resolved_on_time', 'integer', 'Số hồ sơ giải quyết đúng hạn', 'Dossiers resolved on time', {
      unit: 'dossiers',
    }),
    col(
      'on_time_rate',
      'number',
      'Tỷ lệ đúng hạn = đúng hạn / đã giải quyết',
      'On-time rate = on time / resolved',
      {
        unit: 'ratio 0–1',
      },
    ),
  ],
  coverageMetric: 'dossier.resolved',
  async *rows(src, fromDay, toDay) {
    for await (const d of districtDays(src, ['dossier.on_time_rate'], fromDay, toDay)) {
      const row = d.get('dossier.on_time_rate');
      const rate = row && metricFigure(METRIC['dossier.on_time_rate'], row);
      if (!rate || rate.value === null) continue;
      yield [d.day, d.code, d.name, rate.denominator!, rate.numerator, round(rate.value)];
    }
  },
};

const COVID_METRICS = {
  new_cases: 'covid.new_cases',
  recovered: 'covid.recovered',
  deaths: 'covid.deaths',
  vaccine_doses: 'covid.vaccine_doses',
} as const satisfies Record<string, MetricName>;

const covidByDistrict: DatasetDef = {
  id: 'covid-by-district',
  title: { vi: 'COVID-19 theo ngày và huyện', en: 'COVID-19 per day and district' },
  description: {
    vi: 'Số ca mắc mới, khỏi bệnh, tử vong và số liều vắc-xin theo báo cáo hằng ngày của từng đơn vị cấp huyện. Số liệu tổng hợp, không có thông tin cá nhân.',
    en: 'New cases, recoveries, deaths and vaccine doses from the daily report of each district-level unit. Aggregates only, no personal data.',
  },
  keywords: ['COVID-19', 'y tế', 'health', 'vắc-xin', 'vaccine'],
  resolution: BY_DISTRICT,
  columns: [
    DATE,
    AREA_CODE,
    AREA_NAME,
    col('new_cases', 'integer', 'Ca mắc mới', 'New cases', {
      unit: 'cases',
      seriesMetric: 'covid.new_cases',
    }),
    col('recovered', 'integer', 'Ca khỏi bệnh', 'Recovered', {
      unit: 'cases',
      seriesMetric: 'covid.recovered',
    }),
    col('deaths', 'integer', 'Ca tử vong', 'Deaths', { unit: 'deaths', seriesMetric: 'covid.deaths' }),
    col('vaccine_doses', 'integer', 'Số liều vắc-xin đã tiêm', 'Vaccine doses given', {
      unit: 'doses',
      seriesMetric: 'covid.vaccine_doses',
    }),
  ],
  coverageMetric: 'covid.reports',
  async *rows(src, fromDay, toDay) {
    const metrics: MetricName[] = ['covid.reports', ...Object.values(COVID_METRICS)];
    for await (const d of districtDays(src, metrics, fromDay, toDay)) {
      if (count(d.get('covid.reports')) === 0) continue;
      yield [d.day, d.code, d.name, ...Object.values(COVID_METRICS).map((m) => count(d.get(m)))];
    }
  },
};

function sensorDataset(
  id: OpenDatasetId,
  kinds: readonly SensorKind[],
  readingsMetric: MetricName,
  text: Pick<DatasetDef, 'title' | 'description' | 'keywords'>,
): DatasetDef {
  return {
    id,
    ...text,
    resolution: BY_SITE,
    columns: [
      DATE,
      col('site_id', 'string', 'Mã trạm quan trắc', 'Monitoring site id'),
      col(
        'area_code',
        'string',
        'Mã đơn vị hành chính nơi đặt trạm',
        'Code of the administrative unit of the site',
      ),
      col('lon', 'number', 'Kinh độ trạm (WGS84)', 'Site longitude (WGS84)', { unit: 'degrees' }),
      col('lat', 'number', 'Vĩ độ trạm (WGS84)', 'Site latitude (WGS84)', { unit: 'degrees' }),
      col('kind', 'string', `Đại lượng đo: ${kinds.join(', ')}`, `Quantity measured: ${kinds.join(', ')}`),
      col('unit', 'string', 'Đơn vị đo', 'Unit of measure'),
      col('readings', 'integer', 'Số lần đo trong ngày', 'Readings in the day', {
        unit: 'readings',
        seriesMetric: readingsMetric,
      }),
      col('mean', 'number', 'Giá trị trung bình trong ngày', 'Daily mean'),
      col('min', 'number', 'Giá trị nhỏ nhất trong ngày', 'Daily minimum'),
      col('max', 'number', 'Giá trị lớn nhất trong ngày', 'Daily maximum'),
    ],
    coverageMetric: readingsMetric,
    // From the site summaries themselves: a log older than the readings metrics is covered by the backfill.
    span: async (src) => {
      const logged = await src.store.siteDailySpan(kinds);
      const history = src.sensorArchive?.()?.span;
      if (!history) return logged;
      const from = vnDateKey(history.fromMs);
      return {
        from: logged && logged.from < from ? logged.from : from,
        to: logged?.to ?? vnDateKey(history.toMs - 1),
      };
    },
    async *rows(src, fromDay, toDay) {
      for await (const s of siteDays(src, kinds, fromDay, toDay))
        yield [
          s.day,
          s.siteId,
          s.area,
          s.lonLat[0],
          s.lonLat[1],
          s.kind,
          s.unit,
          s.readings,
          round(s.mean),
          s.min,
          s.max,
        ];
    },
  };
}

const airQuality = sensorDataset('air-quality-by-site', ['pm25', 'aqi'], 'sensor.air_quality_readings', {
  title: { vi: 'Chất lượng không khí theo ngày và trạm', en: 'Daily air quality per monitoring site' },
  description: {
    vi: 'Trung bình, nhỏ nhất, lớn nhất trong ngày của bụi mịn PM2.5 (µg/m³) và chỉ số AQI ở từng trạm quan trắc.',
    en: 'Daily mean, minimum and maximum of fine particulate matter PM2.5 (µg/m³) and the AQI at each monitoring site.',
  },
  keywords: ['môi trường', 'environment', 'không khí', 'air quality', 'PM2.5', 'AQI'],
});

const waterLevel = sensorDataset('water-level-by-site', ['water_level'], 'sensor.water_level_readings', {
  title: { vi: 'Mực nước theo ngày và trạm', en: 'Daily water level per monitoring site' },
  description: {
    vi: 'Mực nước trung bình, thấp nhất, cao nhất trong ngày (m) ở từng trạm quan trắc trên sông, kênh.',
    en: 'Daily mean, lowest and highest water level (m) at each river or canal monitoring site.',
  },
  keywords: ['môi trường', 'environment', 'mực nước', 'water level', 'ngập', 'flooding'],
});

export const DATASETS: readonly DatasetDef[] = [
  dossiersByChannel,
  onTimeByDistrict,
  covidByDistrict,
  airQuality,
  waterLevel,
];
export const DATASETS_BY_ID: ReadonlyMap<string, DatasetDef> = new Map(DATASETS.map((d) => [d.id, d]));
export { PROVINCE };
