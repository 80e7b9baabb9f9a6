import type { PublicCovid } from '../../../protocol/public.schema';
import { useCoreT } from '../../i18n/use-core-t';
import { CovidRemainder } from '../../ui/CovidRemainder';
import { formatDayKey, formatNumber } from '../../ui/format';
import { levelCss } from './epidemic-levels';

/**
 * The province's totals, its own report beside its districts' sum when it has one, and one row per district,
 * highest level first, then most new cases; a district whose figures are the simulator's says so.
 */
export function CovidPanel({ covid }: { covid: PublicCovid | null }) {
  const { t, intl } = useCoreT();
  if (!covid) return <p className="public-muted">{t('waiting')}</p>;
  const p = covid.province;
  const rows = [...covid.districts].sort(
    (a, b) => b.epidemicLevel - a.epidemicLevel || b.newCasesLastDate - a.newCasesLastDate,
  );
  const totals: [string, number][] = [
    [t('public.covid.newCases'), p.newCasesLastDate],
    [t('public.covid.cumulative'), p.cumulativeCases],
    [t('public.covid.recovered'), p.recovered],
    [t('public.covid.deaths'), p.deaths],
    [t('public.covid.doses'), p.vaccineDoses],
  ];
  return (
    <div data-testid="public-covid">
      <p className="public-muted">
        {p.lastDate
          ? t('public.covid.reportOf', { date: `${formatDayKey(p.lastDate)}/${p.lastDate.slice(0, 4)}` })
          : t('public.updatedNone')}
      </p>
      <dl className="public-covid-totals">
        {totals.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatNumber(value, intl)}</dd>
          </div>
        ))}
      </dl>
      {covid.reconciliation && (
        <CovidRemainder
          area={p.name}
          figures={{
            cases: covid.reconciliation.cases,
            childrenCases: covid.reconciliation.districtsCases,
            unallocatedCases: covid.reconciliation.unallocatedCases,
            childrenSimulated: covid.reconciliation.districtsSimulated,
          }}
        />
      )}
      <table className="public-table" data-testid="public-covid-table">
        <thead>
          <tr>
            <th>{t('public.covid.district')}</th>
            <th>{t('public.covid.level')}</th>
            <th>{t('public.covid.newCases')}</th>
            <th>{t('public.covid.cumulative')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.code} data-testid={`public-covid-${d.code}`}>
              <td>
                {d.name}
                {d.simulated && (
                  <span className="public-simulated" data-testid={`public-covid-simulated-${d.code}`}>
                    {t('public.covid.simulated')}
                  </span>
                )}
              </td>
              <td>
                <span className="public-level" style={{ background: levelCss(d.epidemicLevel) }}>
                  {d.epidemicLevel}
                </span>
              </td>
              <td>{formatNumber(d.newCasesLastDate, intl)}</td>
              <td>{formatNumber(d.cumulativeCases, intl)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
