import type { MetricName } from '../../protocol';
import type { Locale } from './index';

/**
 * Each metric's formula in Vietnamese. The API (`GET /api/metrics/catalog`, the review's provenance) keeps its
 * English formula, which the English UI shows as it comes, so that text keeps one definition in
 * `protocol/metrics.ts`; a metric added there without a line here fails to compile. `dossier.deadlines` is the
 * review's open-dossier figure (server/http/review-deadlines.ts), not a catalogue metric.
 */
const FORMULAS_VI: Readonly<Record<MetricName | 'dossier.deadlines', string>> = {
  'dossier.submitted': 'số sự kiện hồ sơ được tiếp nhận (mọi kênh)',
  'dossier.online_submitted': 'số sự kiện hồ sơ được tiếp nhận qua kênh trực tuyến',
  'dossier.postal_submitted': 'số sự kiện hồ sơ được tiếp nhận qua bưu chính công ích',
  'dossier.resolved': 'số sự kiện hồ sơ được giải quyết',
  'dossier.on_time_rate': 'hồ sơ giải quyết đúng hạn / hồ sơ đã giải quyết, trong kỳ giải quyết',
  'dossier.online_share': 'hồ sơ tiếp nhận trực tuyến / hồ sơ tiếp nhận',
  'dossier.late_resolved': 'số sự kiện hồ sơ được giải quyết quá hạn',
  'dossier.level3_submitted': 'số sự kiện hồ sơ được tiếp nhận ở dịch vụ công mức độ 3',
  'dossier.level4_submitted': 'số sự kiện hồ sơ được tiếp nhận ở dịch vụ công mức độ 4',
  'dossier.paid_online': 'số sự kiện hồ sơ thanh toán trực tuyến (Nền tảng thanh toán quốc gia)',
  'dossier.online_payment_share': 'hồ sơ thanh toán trực tuyến / hồ sơ tiếp nhận, cùng đếm trong kỳ',
  'dossier.postal_share': 'hồ sơ tiếp nhận qua bưu chính / hồ sơ tiếp nhận',
  'covid.new_cases': 'tổng số ca mới của các báo cáo COVID-19 hằng ngày',
  'covid.vaccine_doses': 'tổng số liều vắc-xin của các báo cáo COVID-19 hằng ngày',
  'covid.recovered': 'tổng số ca khỏi bệnh của các báo cáo COVID-19 hằng ngày',
  'covid.deaths': 'tổng số ca tử vong của các báo cáo COVID-19 hằng ngày',
  'covid.reports': 'số báo cáo COVID-19 hằng ngày',
  'sensor.readings': 'số lần đo của cảm biến',
  'sensor.alarms': 'số lần đo bằng hoặc vượt ngưỡng báo động của loại cảm biến',
  'sensor.water_level_readings': 'số lần đo mực nước',
  'sensor.air_quality_readings': 'số lần đo chất lượng không khí (PM2.5 hoặc AQI)',
  'dossier.deadlines':
    'hồ sơ tiếp nhận trong 90 ngày trước thời điểm xem và chưa giải quyết; quá hạn khi đã qua hạn xử lý, sắp đến hạn khi còn trong vòng 2 ngày',
};

/** A metric's formula in the UI's language: the API's own (`fallback`) in English or for a name unknown here. */
export function formulaText(metric: string, locale: Locale, fallback: string): string {
  if (locale !== 'vi' || !Object.hasOwn(FORMULAS_VI, metric)) return fallback;
  return FORMULAS_VI[metric as keyof typeof FORMULAS_VI];
}
