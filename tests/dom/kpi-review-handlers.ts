import { http, HttpResponse } from 'msw';
import {
  PERIOD_METRICS,
  type DeadlineKpis,
  type HealthResponse,
  type PeriodKpi,
  type PeriodKpisResponse,
  type RankingResponse,
  type ReviewReferenceResponse,
  type SeriesResponse,
} from '../../protocol';

export const REVIEW_NOW_MS = Date.parse('2021-10-01T08:00:00+07:00');

/** Per area, figures a test can recognise once formatted: 77.769 online in the province, 12.345 in Tân An. */
const ONLINE: Record<string, number> = { '80': 77_769, '794': 12_345 };

function kpi(metric: string, value: number | null, denominator: number | null, events: number): PeriodKpi {
  return {
    value,
    numerator: denominator === null ? (value ?? 0) : (value ?? 0) * denominator,
    denominator,
    provenance: {
      metric,
      stream: metric.startsWith('covid') ? 'covid' : 'dossier',
      formula: `formula of ${metric}`,
      unit: 'x',
      events,
      lastEventTsMs: Date.parse('2021-09-30T16:45:00+07:00'),
    },
  };
}

export function periodBody(area: string, from: string, to: string): PeriodKpisResponse {
  const online = ONLINE[area] ?? 1000;
  const kpis = Object.fromEntries(
    PERIOD_METRICS.map((m) => {
      if (m === 'dossier.online_submitted') return [m, kpi(m, online, null, online)];
      if (m === 'dossier.on_time_rate') return [m, kpi(m, area === '80' ? 0.99 : 0.985, 1000, 1000)];
      if (m.endsWith('share') || m.endsWith('rate')) return [m, kpi(m, 0.25, 4 * online, 4 * online)];
      if (m === 'covid.new_cases') return [m, kpi(m, area === '80' ? 40_400 : 3_210, null, 273)];
      return [m, kpi(m, 100, null, 100)];
    }),
  ) as PeriodKpisResponse['kpis'];
  const iso = (x: string) => (x.length === 10 ? `${x}T00:00:00+07:00` : x);
  // As the server says it: a period that has not ended at its clock is to date, up to its now.
  const complete = Date.parse(iso(to)) <= REVIEW_NOW_MS;
  return {
    area,
    from: iso(from),
    to: iso(to),
    complete,
    asOf: complete ? iso(to) : '2021-10-01T08:00:00+07:00',
    kpis,
    covidReconciliation: null,
  };
}

/** Month points from January 2019: the area's figure every month of 2021, a third of it before. */
export function seriesBody(
  metric: string,
  area: string,
  from: string,
  to: string,
  bucket: string,
): SeriesResponse {
  const base = (ONLINE[area] ?? 1000) / 9;
  const points: SeriesResponse['points'] = [];
  const start = new Date(`${from}T00:00:00Z`);
  for (let d = start; d.toISOString().slice(0, 10) < to;) {
    const key = d.toISOString().slice(0, 10);
    const value = metric.endsWith('share') ? 0.2 : Math.round(key >= '2021' ? base : base / 3);
    // October 2021 is eight hours old at the review's now: a few dossiers, all of them online.
    const inProgress = key >= '2021-10';
    points.push({
      t: `${key}T00:00:00+07:00`,
      value: inProgress ? (metric.endsWith('share') ? 1 : 5) : value,
      complete: !inProgress,
    });
    d = new Date(
      bucket === 'day'
        ? d.getTime() + 86_400_000
        : bucket === 'week'
          ? d.getTime() + 7 * 86_400_000
          : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
    );
  }
  return {
    metric,
    area,
    bucket: bucket as SeriesResponse['bucket'],
    points,
    asOf: to < '2021-10-01' ? `${to}T00:00:00+07:00` : '2021-10-01T08:00:00+07:00',
  };
}

const REFERENCE: ReviewReferenceResponse = {
  catalogue: [
    { year: 2019, total: 1860, level3: 560, level4: 310, eligibleLevel4: 1421 },
    { year: 2020, total: 1860, level3: 470, level4: 894, eligibleLevel4: 1421 },
    { year: 2021, total: 1860, level3: 161, level4: 1421, eligibleLevel4: 1421 },
  ],
  catalogueSource: 'catalogue',
  level4Targets: [
    { year: 2021, share: 0.35, source: 'seed' },
    { year: 2025, share: 1, source: 'resolution' },
  ],
  parIndex: { year: 2020, score: 0.8625, rank: 7, of: 63, source: 'seed report' },
};

const HEALTH: HealthResponse = {
  status: 'ok',
  version: 'test',
  protocolVersion: 1,
  uptimeS: 1,
  nowMs: REVIEW_NOW_MS,
  lastSeq: 1,
  streams: { dossier: { lastEventTsMs: 1 }, sensor: { lastEventTsMs: 1 }, covid: { lastEventTsMs: 1 } },
} as HealthResponse;

const q = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** The review's API as the server answers it, from the fixtures above. */
export const reviewHandlers = [
  http.get('*/api/health', () => HttpResponse.json(HEALTH)),
  http.get('*/api/review/reference', () => HttpResponse.json(REFERENCE)),
  http.get('*/api/areas', () => HttpResponse.json({ type: 'FeatureCollection', features: [] })),
  http.get('*/api/kpis/period', ({ request }) => {
    const { area, from, to } = q(request);
    return HttpResponse.json(periodBody(area!, from!, to!));
  }),
  http.get('*/api/kpis/deadlines', ({ request }) => {
    const { area } = q(request);
    const body: DeadlineKpis = {
      asOfMs: REVIEW_NOW_MS,
      overdueOpen: 3,
      dueSoon: area === '80' ? 42 : 7,
      windowMs: 2 * 86_400_000,
      provenance: kpi('dossier.deadlines', null, null, 5000).provenance,
    };
    return HttpResponse.json(body);
  }),
  http.get('*/api/series', ({ request }) => {
    const { metric, area, from, to, bucket } = q(request);
    return HttpResponse.json(seriesBody(metric!, area!, from!, to!, bucket!));
  }),
  http.get('*/api/ranking', ({ request }) => {
    const { metric, from, to } = q(request);
    const body: RankingResponse = {
      metric: metric!,
      from: from!,
      to: to!,
      rows: [
        { area: '794', name: 'Tân An', value: 12_345, rank: 1 },
        { area: '802', name: 'Đức Hòa', value: 9_000, rank: 2 },
      ],
    };
    return HttpResponse.json(body);
  }),
];
