import type { AlarmReport } from '../../../protocol/alarm-report.schema';
import { useT } from '../../i18n/use-t';
import { formatNumber } from '../../ui/format';

/** The ISA-18.2 targets each figure is read against (EEMUA 191), shown beside it. */
const TARGET_PER_HOUR = 6;
const FLOOD_PER_10_MIN = 10;

/** The report's figures as a table, each with its target and whether it is met (in words, not colour alone). */
export function AlarmReportView({ report }: { report: AlarmReport }) {
  const { t, intl } = useT();
  const n = (v: number | null, digits = 0) => (v === null ? '—' : formatNumber(v, intl, digits));
  const share = (k: keyof AlarmReport['priorities']) =>
    report.alarms ? `${formatNumber((report.priorities[k] / report.alarms) * 100, intl, 1)}\u00a0%` : '—';
  const ok = (met: boolean) => (met ? t('alarms.met') : t('alarms.notMet'));
  const rows: [string, string, string][] = [
    [t('alarms.count'), n(report.alarms), ''],
    [t('alarms.perHourMean'), n(report.perHour.mean, 2), ok(report.perHour.mean <= TARGET_PER_HOUR)],
    [t('alarms.perHourMax'), n(report.perHour.max), ''],
    [t('alarms.perTenMax'), n(report.perTenMinutes.max), ok(report.perTenMinutes.max <= FLOOD_PER_10_MIN)],
    [
      t('alarms.floods'),
      `${n(report.floods.count)} · ${n(report.floods.longestMin)} ${t('alarms.minutes')}`,
      ok(report.floods.count === 0),
    ],
    [t('alarms.standing'), n(report.standing), ok(report.standing === 0)],
    [t('alarms.chattering'), n(report.chattering), ok(report.chattering === 0)],
    [t('alert.priority.critical'), `${n(report.priorities.critical)} (${share('critical')})`, ''],
    [t('alert.priority.high'), `${n(report.priorities.high)} (${share('high')})`, ''],
    [t('alert.priority.medium'), `${n(report.priorities.medium)} (${share('medium')})`, ''],
    [t('alert.priority.low'), `${n(report.priorities.low)} (${share('low')})`, ''],
    [t('alarms.ackP50'), n(report.ackTimeS.p50), ''],
    [t('alarms.ackP90'), n(report.ackTimeS.p90), ''],
  ];
  return (
    <section className="alarms-report" data-testid="alarm-report">
      <table>
        <tbody>
          {rows.map(([label, value, met]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td data-testid="alarm-figure">{value}</td>
              <td>{met}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('alarms.topOffenders')}</h2>
      {report.topOffenders.length === 0 ? <p>{t('alarms.none')}</p> : null}
      <ol>
        {report.topOffenders.map((o) => (
          <li key={`${o.rule} ${o.source}`}>
            {o.source} · {t(`alarms.rule.${o.rule}`)} · {n(o.count)}
          </li>
        ))}
      </ol>
    </section>
  );
}
