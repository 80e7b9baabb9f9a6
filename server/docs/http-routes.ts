import { z } from 'zod';
import {
  AlarmReport,
  AreaSetsResponse,
  DeadlineKpis,
  KpiProvenance,
  PeriodKpi,
  PeriodKpisResponse,
  RankingResponse,
  ReadyResponse,
  ReplayTimeline,
  ReviewReferenceResponse,
  AlarmReportQuery,
  AlarmRulesChange,
  AlertRules,
  ALARM_REPORT_CSV_COLUMNS,
  AreasQuery,
  AuditEntry,
  CreatedToken,
  CreateTokenRequest,
  CreateUserRequest,
  DeadlinesQuery,
  DossierCode,
  EventsQuery,
  KpisQuery,
  LoginRequest,
  MAX_INGEST_BATCH,
  PeriodKpisQuery,
  PublicAreas,
  PublicCovid,
  PublicDossier,
  PublicSummary,
  RankingQuery,
  REPLAY_EXPORT_CSV_COLUMNS,
  REPLAY_EXPORT_TOTAL_HEADER,
  ReplayExportQuery,
  ReplayTimelineQuery,
  SeriesQuery,
  SiteSeriesQuery,
  SessionAnswer,
  SiteAreasResponse,
  TokenSignInRequest,
  TokenSummary,
  UserName,
  UserSummary,
  WebhooksStatus,
} from '../../protocol';
import { OPEN_DATA_FORMATS, OPEN_DATASET_IDS, OpenDataQuery } from '../../protocol/open-data.schema';
import type { JsonSchema, NamedSchema } from './components';

/** Answers and bodies of the HTTP API only, added to the components both documents share. */
export const HTTP_SCHEMAS = {
  AlarmReport,
  AlertRules,
  AlarmRulesChange,
  AreaSetsResponse,
  SiteAreasResponse,
  PeriodKpisResponse,
  PeriodKpi,
  KpiProvenance,
  DeadlineKpis,
  RankingResponse,
  ReviewReference: ReviewReferenceResponse,
  ReplayTimeline,
  ReadyResponse,
  PublicSummary,
  PublicCovid,
  PublicAreas,
  PublicDossier,
  WebhooksStatus,
  LoginRequest,
  TokenSignInRequest,
  SessionAnswer,
  CreateUserRequest,
  UserSummary,
  UserList: z.array(UserSummary),
  CreateTokenRequest,
  TokenSummary,
  TokenList: z.array(TokenSummary),
  CreatedToken,
  AuditEntry,
  AuditLog: z.array(AuditEntry),
} satisfies Record<string, z.ZodType>;

export type SchemaName = NamedSchema | keyof typeof HTTP_SCHEMAS;

export const SECURITY_SCHEMES = {
  ingestToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An ingest token from INGEST_TOKENS, or the one the server writes to $DATA_DIR/ingest-token.',
  },
  operatorToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An operator token from OPERATOR_TOKENS, or the one the server writes to $DATA_DIR/operator-token.',
  },
  cookieAuth: {
    type: 'apiKey',
    in: 'cookie',
    name: 'ioc_session',
    description:
      'The session cookie set by `POST /api/auth/login` or `POST /api/auth/token` (HttpOnly, SameSite=Strict).',
  },
} as const;
export type Security = keyof typeof SECURITY_SCHEMES;

export const TAGS = [
  'status',
  'areas',
  'kpis',
  'review',
  'events',
  'ingest',
  'replay',
  'alarms',
  'public',
  'open data',
  'auth',
  'admin',
  'documents',
] as const;

/** A schema by component name, or inline JSON Schema for what has no component (files, images). */
type Content = Record<string, SchemaName | JsonSchema>;

/**
 * One HTTP route. The OpenAPI paths are generated from this table: path and query parameters from the zod
 * objects, bodies and answers by component name, errors from what the route takes (400 with parameters or a
 * body, 401 with security) plus those listed.
 */
export interface HttpRoute {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI template: `{name}` for a path parameter (Express writes `:name`). */
  path: string;
  tag: (typeof TAGS)[number];
  /** English summary. */
  en: string;
  /** Vietnamese summary. */
  vi: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: SchemaName;
  /** The success answer: a component answered as JSON, or media types with status. */
  answer: SchemaName | { status?: 200 | 201 | 204; content?: Content };
  answerText: string;
  security?: Security;
  errors?: number[];
}

const DATASET_FILE = z.strictObject({
  file: z
    .enum(OPEN_DATASET_IDS.flatMap((id) => OPEN_DATA_FORMATS.map((f) => `${id}.${f}`)))
    .meta({ description: '`<dataset id>.<csv|json>`' }),
});
const DOSSIER = z.strictObject({ code: DossierCode });
/** The public figures: precomputed, with an ETag, readable from any origin. */
const PUBLIC_FIGURES = 'No token. Cached; revalidate with `If-None-Match` (304). CORS open.';
const CACHED = [304];

export const HTTP_ROUTES: readonly HttpRoute[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: 'status',
    en: 'Status, version, uptime and the last event time per stream',
    vi: 'Trạng thái, phiên bản, thời gian chạy và thời điểm sự kiện mới nhất của từng luồng',
    answer: 'HealthResponse',
    answerText:
      'The process is up: 200 even while the event log is down (`store` says so; `/api/ready` says why).',
  },
  {
    method: 'get',
    path: '/api/ready',
    tag: 'status',
    en: 'Whether this node may take traffic (store and adapter answer, not draining)',
    vi: 'Nút này có sẵn sàng nhận truy cập không (kho dữ liệu trả lời, không đang dừng)',
    description: 'For a load balancer; `/api/health` only says the process lives.',
    answer: 'ReadyResponse',
    answerText: 'Ready.',
    errors: [503],
  },
  {
    method: 'get',
    path: '/api/areas',
    tag: 'areas',
    en: 'The administrative units in force at an instant, as GeoJSON',
    vi: 'Các đơn vị hành chính có hiệu lực tại một thời điểm, dạng GeoJSON',
    query: AreasQuery,
    answer: {
      content: {
        'application/geo+json': 'AreaFeatureCollection',
        'application/json': 'AreaFeatureCollection',
      },
    },
    answerText: 'FeatureCollection with `code`, `name`, `kind`, `parent` per unit; `[lon, lat]` positions.',
  },
  {
    method: 'get',
    path: '/api/areas/sets',
    tag: 'areas',
    en: 'Every area set the server holds, with its validity days',
    vi: 'Các bộ ranh giới hành chính máy chủ đang có, với ngày hiệu lực',
    answer: 'AreaSetsResponse',
    answerText: 'The sets and the name of the one in force now.',
  },
  {
    method: 'get',
    path: '/api/areas/sites',
    tag: 'areas',
    en: 'Where each sensor site lies under the area set in force at an instant',
    vi: 'Mỗi trạm cảm biến thuộc đơn vị hành chính nào theo bộ ranh giới có hiệu lực tại một thời điểm',
    query: AreasQuery,
    answer: 'SiteAreasResponse',
    answerText:
      'The set (name, validity days) and, per site id, the smallest unit containing the site, or null.',
  },
  {
    method: 'get',
    path: '/api/kpis',
    tag: 'kpis',
    en: 'The KPI snapshot of an area, live or as at a past instant',
    vi: 'Chỉ số của một địa bàn, hiện tại hoặc tại một thời điểm đã qua',
    query: KpisQuery,
    answer: 'KpiSnapshot',
    answerText: 'Headline figures; rates are 0–1 or null with no data.',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/metrics/catalog',
    tag: 'kpis',
    en: 'Every series metric with its unit and formula',
    vi: 'Danh mục chỉ số theo chuỗi thời gian, với đơn vị và công thức',
    answer: 'MetricsCatalog',
    answerText: 'The metric catalogue.',
  },
  {
    method: 'get',
    path: '/api/series',
    tag: 'kpis',
    en: 'A metric per day, month or year (Vietnam time), `from` inclusive, `to` exclusive',
    vi: 'Một chỉ số theo ngày, tháng hoặc năm (giờ Việt Nam)',
    query: SeriesQuery,
    answer: 'SeriesResponse',
    answerText: 'One point per bucket; ratio metrics are null where their denominator is 0.',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/sites/{id}/series',
    tag: 'kpis',
    en: "One sensor site's readings over time: every reading, or count, min, max and mean per hour or day",
    vi: 'Số đo của một trạm cảm biến theo thời gian: từng số đo, hoặc số lượng, nhỏ nhất, lớn nhất, trung bình theo giờ hoặc ngày',
    description:
      '`from` inclusive, `to` exclusive. Raw over at most 7 days, hourly over at most 366; buckets without ' +
      "readings are left out. Before the event log's own readings the sensor history answers (hourly " +
      'summaries drawn from a sample of the readings: `count` estimated). 400 `range_too_long` past the limit, ' +
      '`invalid_query` when `from` ≥ `to`; 404 `unknown_site`.',
    params: z.strictObject({ id: z.string().min(1).max(64).meta({ description: 'Sensor site id' }) }),
    query: SiteSeriesQuery,
    answer: 'SiteSeriesResponse',
    answerText:
      '`{ siteId, kind, unit, bucket, points }`: `{ t, value }` raw, `{ t, mean, min, max, count }` bucketed.',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/kpis/period',
    tag: 'review',
    en: 'Period totals of the review metrics, with provenance',
    vi: 'Tổng các chỉ số trong kỳ, kèm nguồn gốc số liệu',
    query: PeriodKpisQuery,
    answer: 'PeriodKpisResponse',
    answerText: 'One figure per review metric, with formula and event count.',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/kpis/deadlines',
    tag: 'review',
    en: 'Dossiers still open at an instant: overdue and due soon',
    vi: 'Hồ sơ còn mở tại một thời điểm: đã quá hạn và sắp đến hạn',
    description: 'Reads the log itself, so it takes longer than the period figures.',
    query: DeadlinesQuery,
    answer: 'DeadlineKpis',
    answerText: 'Counts of open dossiers by deadline, with provenance.',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/ranking',
    tag: 'review',
    en: 'District-level units ranked by one metric over a period',
    vi: 'Xếp hạng các đơn vị cấp huyện theo một chỉ số trong kỳ',
    query: RankingQuery,
    answer: 'RankingResponse',
    answerText: 'Rows with area, name, value and rank.',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/review/reference',
    tag: 'review',
    en: 'Reference facts a review compares with: service catalogue, PAR INDEX',
    vi: 'Số liệu tham chiếu: danh mục dịch vụ công, chỉ số PAR INDEX',
    answer: 'ReviewReference',
    answerText: 'The catalogue per year and the published index, with their sources.',
  },
  {
    method: 'get',
    path: '/api/events',
    tag: 'events',
    en: 'Recorded events in a time range, streamed as NDJSON',
    vi: 'Các sự kiện đã ghi trong một khoảng thời gian, dạng NDJSON',
    description: 'One `LoggedEvent` JSON object per line, in sequence order; large ranges stream.',
    query: EventsQuery,
    answer: { content: { 'application/x-ndjson': 'LoggedEvent' } },
    answerText: 'Newline-delimited JSON, one event per line.',
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/ingest',
    tag: 'ingest',
    en: `Send a batch of up to ${MAX_INGEST_BATCH} events; the answer says, per event, what happened`,
    vi: `Gửi một lô tối đa ${MAX_INGEST_BATCH.toLocaleString('vi-VN')} sự kiện; kết quả cho từng sự kiện`,
    description:
      'Each event is accepted (with its `seq`), a duplicate (same `source` and `id` as a logged event: ' +
      're-sending is harmless) or rejected with a reason. See docs/connectors.md.',
    body: 'IngestBatch',
    answer: 'IngestReport',
    answerText: 'Per-event results, in the order sent.',
    security: 'ingestToken',
    errors: [413, 415, 429],
  },
  {
    method: 'get',
    path: '/api/replay/timeline',
    tag: 'replay',
    en: 'Event density per stream and alerts over a range, for a replay scrubber',
    vi: 'Mật độ sự kiện theo luồng và các cảnh báo trong một khoảng, cho thanh tua',
    query: ReplayTimelineQuery,
    answer: 'ReplayTimeline',
    answerText: 'Counts per bucket and stream, and the alerts raised in the range.',
  },
  {
    method: 'get',
    path: '/api/replay/export',
    tag: 'replay',
    en: "A range's events as an NDJSON or CSV download, with the row count up front",
    vi: 'Xuất các sự kiện trong một khoảng thời gian ra tệp NDJSON hoặc CSV, kèm tổng số dòng',
    description:
      'Events of [from, to) in sequence order, streamed as an attachment (`Content-Disposition` names the ' +
      `file); the \`${REPLAY_EXPORT_TOTAL_HEADER}\` header carries how many events follow, for a progress bar. ` +
      `CSV columns: ${REPLAY_EXPORT_CSV_COLUMNS.join(', ')} (payload = the stream's own fields as JSON).`,
    query: ReplayExportQuery,
    answer: {
      content: {
        'application/x-ndjson': 'LoggedEvent',
        'text/csv': { type: 'string', description: 'RFC 4180, UTF-8, header row = column names.' },
      },
    },
    answerText: 'The events, one per line.',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/alarms/report',
    tag: 'alarms',
    en: 'The alarm performance report (ISA-18.2) of a range, live or in the past, JSON or CSV',
    vi: 'Báo cáo hiệu quả cảnh báo (ISA-18.2) của một khoảng thời gian, dạng JSON hoặc CSV',
    description:
      'Alarms raised in [from, to) by the reducers that raise them live, folded from the log (so replay agrees): ' +
      'per hour (mean, max), the busiest 10 minutes, floods (runs of 10-minute windows above 10), standing (active ' +
      '> 24 h), chattering, priorities, time to acknowledge (p50, p90) and the top offenders. `area` keeps the alarms ' +
      `touching that area. At most 92 days. \`format=csv\`: columns ${ALARM_REPORT_CSV_COLUMNS.join(', ')}.`,
    query: AlarmReportQuery,
    answer: {
      content: {
        'application/json': 'AlarmReport',
        'text/csv': { type: 'string', description: 'RFC 4180, UTF-8, one row per figure.' },
      },
    },
    answerText: 'The figures of the range.',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/alarms/rules',
    tag: 'alarms',
    en: 'The alert rules in force (thresholds, delays, dead bands, priorities, grouping)',
    vi: 'Quy tắc cảnh báo đang áp dụng (ngưỡng, độ trễ, vùng chết, mức ưu tiên, gộp nhóm)',
    answer: 'AlertRules',
    answerText: 'The rules, as the rules file writes them.',
  },
  {
    method: 'post',
    path: '/api/alarms/rules',
    tag: 'alarms',
    en: 'Put new alert rules in force (admins; operators too with RULES_EDIT=operators)',
    vi: 'Áp dụng quy tắc cảnh báo mới (quản trị viên; cả trực ban khi RULES_EDIT=operators)',
    description:
      'Validated by the same AlertRules schema as the rules file, logged as an `alert-rules:changed` event (so ' +
      'replay applies them from that point of the log) and audited. Rules equal to those in force log nothing.',
    body: 'AlertRules',
    answer: 'AlarmRulesChange',
    answerText: 'Whether a change was logged, its seq, and the rules now in force.',
    security: 'cookieAuth',
    errors: [403],
  },
  {
    method: 'get',
    path: '/api/public/summary',
    tag: 'public',
    en: "The province's public-service figures for this month and this year",
    vi: 'Số liệu dịch vụ công của tỉnh trong tháng và trong năm',
    description: PUBLIC_FIGURES,
    answer: 'PublicSummary',
    answerText: 'Figures of the month and of the year.',
    errors: CACHED,
  },
  {
    method: 'get',
    path: '/api/public/covid',
    tag: 'public',
    en: 'COVID-19 figures and epidemic level of the province and each district',
    vi: 'Số liệu COVID-19 và cấp độ dịch của tỉnh và từng huyện',
    description: PUBLIC_FIGURES,
    answer: 'PublicCovid',
    answerText: 'The latest daily reports.',
    errors: CACHED,
  },
  {
    method: 'get',
    path: '/api/public/areas',
    tag: 'public',
    en: 'Boundaries to draw: codes and names only',
    vi: 'Ranh giới để vẽ bản đồ: chỉ có mã và tên',
    description: PUBLIC_FIGURES,
    answer: 'PublicAreas',
    answerText: 'The province and its district-level units.',
    errors: CACHED,
  },
  {
    method: 'get',
    path: '/api/public/dossiers/{code}',
    tag: 'public',
    en: "A dossier's status and timeline, by its code",
    vi: 'Tra cứu tình trạng và tiến trình một hồ sơ theo mã',
    description: 'No names, addresses or amounts. Limited per address (429).',
    params: DOSSIER,
    answer: 'PublicDossier',
    answerText: 'Procedure, receiving agency, status and steps.',
    errors: [404, 429],
  },
  {
    method: 'get',
    path: '/api/public/dossiers/{code}/qr.svg',
    tag: 'public',
    en: "A QR code (SVG) of the dossier's lookup page",
    vi: 'Mã QR (SVG) dẫn tới trang tra cứu hồ sơ',
    params: DOSSIER,
    answer: { content: { 'image/svg+xml': { type: 'string' } } },
    answerText: 'The QR code.',
    errors: [404, 429],
  },
  {
    method: 'get',
    path: '/api/public/dossiers/{code}/qr.png',
    tag: 'public',
    en: "A QR code (PNG) of the dossier's lookup page",
    vi: 'Mã QR (PNG) dẫn tới trang tra cứu hồ sơ',
    params: DOSSIER,
    answer: { content: { 'image/png': { type: 'string', contentMediaType: 'image/png' } } },
    answerText: 'The QR code.',
    errors: [404, 429],
  },
  {
    method: 'get',
    path: '/api/open/catalog.json',
    tag: 'open data',
    en: 'DCAT catalogue of the open datasets (DCAT-US 1.1 shape, harvestable by CKAN)',
    vi: 'Danh mục dữ liệu mở (DCAT), để cổng dữ liệu mở kiểu CKAN thu thập',
    answer: 'OpenDataCatalog',
    answerText: 'The catalogue, with column dictionaries and download URLs.',
  },
  {
    method: 'get',
    path: '/api/open/datasets/{file}',
    tag: 'open data',
    en: 'Download an open dataset as CSV or JSON, optionally for [from, to) days',
    vi: 'Tải một bộ dữ liệu mở dạng CSV hoặc JSON, có thể theo khoảng ngày',
    description: 'Streamed. Columns and their meaning are in the catalogue.',
    params: DATASET_FILE,
    query: OpenDataQuery,
    answer: {
      content: {
        'text/csv': { type: 'string', description: 'RFC 4180, UTF-8, header row = column names.' },
        'application/json': {
          type: 'array',
          items: { type: 'object', description: 'One object per row, keyed by column name.' },
        },
      },
    },
    answerText: 'The rows, ordered by date.',
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/admin/webhooks',
    tag: 'admin',
    en: 'Public announcements sent by webhook: where, and what failed',
    vi: 'Thông báo công khai gửi qua webhook: gửi tới đâu, lần nào lỗi',
    answer: 'WebhooksStatus',
    answerText: 'Configured URLs and deliveries.',
    security: 'operatorToken',
  },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    en: 'Sign in with a user name and password; sets the session cookie',
    vi: 'Đăng nhập bằng tên và mật khẩu; đặt cookie phiên',
    body: 'LoginRequest',
    answer: 'SessionAnswer',
    answerText: 'Who is now signed in.',
    errors: [401, 429],
  },
  {
    method: 'post',
    path: '/api/auth/token',
    tag: 'auth',
    en: 'Sign in with a one-time admin link or a wall display token; sets the session cookie',
    vi: 'Đăng nhập bằng liên kết quản trị một lần hoặc mã màn hình tường; đặt cookie phiên',
    body: 'TokenSignInRequest',
    answer: 'SessionAnswer',
    answerText: 'Who is now signed in.',
    errors: [401, 429],
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    en: 'End this session',
    vi: 'Đăng xuất khỏi phiên này',
    answer: { status: 204 },
    answerText: 'Signed out; the cookie is cleared.',
    security: 'cookieAuth',
  },
  {
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    en: 'Who this browser is signed in as',
    vi: 'Trình duyệt này đang đăng nhập với tư cách ai',
    description: 'Reads the session cookie (`cookieAuth`) when there is one; without it the answer is null.',
    answer: 'SessionAnswer',
    answerText: 'The principal, or null when not signed in.',
  },
  {
    method: 'get',
    path: '/api/admin/users',
    tag: 'admin',
    en: 'The users and their roles',
    vi: 'Danh sách người dùng và vai trò',
    answer: 'UserList',
    answerText: 'Every user; passwords are never returned.',
    security: 'cookieAuth',
    errors: [403],
  },
  {
    method: 'post',
    path: '/api/admin/users',
    tag: 'admin',
    en: 'Create a user with a role',
    vi: 'Tạo người dùng với một vai trò',
    body: 'CreateUserRequest',
    answer: { status: 201, content: { 'application/json': 'UserSummary' } },
    answerText: 'The user created.',
    security: 'cookieAuth',
    errors: [403, 409],
  },
  {
    method: 'delete',
    path: '/api/admin/users/{username}',
    tag: 'admin',
    en: 'Delete a user',
    vi: 'Xoá một người dùng',
    params: z.strictObject({ username: UserName }),
    answer: { status: 204 },
    answerText: 'Deleted; their sessions end.',
    security: 'cookieAuth',
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/api/admin/tokens',
    tag: 'admin',
    en: 'Ingest and display tokens, revoked ones included',
    vi: 'Các mã truy cập của nguồn dữ liệu và màn hình tường, kể cả mã đã thu hồi',
    answer: 'TokenList',
    answerText: 'Summaries; the secrets are never shown again.',
    security: 'cookieAuth',
    errors: [403],
  },
  {
    method: 'post',
    path: '/api/admin/tokens',
    tag: 'admin',
    en: 'Create an ingest token for a source or a display token for a wall',
    vi: 'Tạo mã truy cập cho một nguồn dữ liệu hoặc một màn hình tường',
    body: 'CreateTokenRequest',
    answer: { status: 201, content: { 'application/json': 'CreatedToken' } },
    answerText: 'The token: the only time its secret is shown.',
    security: 'cookieAuth',
    errors: [403],
  },
  {
    method: 'delete',
    path: '/api/admin/tokens/{id}',
    tag: 'admin',
    en: 'Revoke a token',
    vi: 'Thu hồi một mã truy cập',
    params: z.strictObject({ id: TokenSummary.shape.id }),
    answer: { status: 204 },
    answerText: 'Revoked at once.',
    security: 'cookieAuth',
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/api/admin/audit',
    tag: 'admin',
    en: 'The audit log: sign-ins, alert actions, wall control, user and token changes, exports',
    vi: 'Nhật ký kiểm tra: đăng nhập, xử lý cảnh báo, điều khiển màn hình, thay đổi người dùng và mã, xuất dữ liệu',
    answer: 'AuditLog',
    answerText: 'Entries, newest first.',
    security: 'cookieAuth',
    errors: [403],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'documents',
    en: 'This document',
    vi: 'Tài liệu này (OpenAPI 3.1)',
    answer: { content: { 'application/json': { type: 'object' } } },
    answerText: 'OpenAPI 3.1.',
  },
  {
    method: 'get',
    path: '/api/asyncapi.json',
    tag: 'documents',
    en: 'The AsyncAPI 3 document of the Socket.IO namespaces and MQTT topics',
    vi: 'Tài liệu AsyncAPI 3 của các kênh Socket.IO và chủ đề MQTT',
    answer: { content: { 'application/json': { type: 'object' } } },
    answerText: 'AsyncAPI 3.0.',
  },
];
