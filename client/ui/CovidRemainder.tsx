import { useCoreT } from '../i18n/use-core-t';
import './covid-remainder.css';
import { formatNumber } from './format';

/** The fields of `covidReconciliation` (protocol/state/kpis.ts) a view draws, whatever the wire calls them. */
export interface CovidRemainderFigures {
  cases: number;
  childrenCases: number;
  unallocatedCases: number;
  childrenSimulated: boolean;
}

/**
 * An area's own COVID report beside its districts' sum and the remainder "chưa phân bổ theo huyện", so the two
 * figures are never read as one contradicting the other; the districts' sum labelled "số liệu mô phỏng" when
 * it comes from the simulator (docs/connectors.md). Cumulative cases to date, or the cases of a period (the
 * leaders' review), which the title says: the two differ as soon as the period is not the whole history.
 */
export function CovidRemainder({
  figures,
  area,
  scope = 'toDate',
}: {
  figures: CovidRemainderFigures;
  area: string;
  scope?: 'toDate' | 'period';
}) {
  const { t, intl } = useCoreT();
  const rows: [string, string, number][] = [
    ['own', t('covidRemainder.own', { area }), figures.cases],
    [
      'children',
      figures.childrenSimulated ? t('covidRemainder.childrenSimulated') : t('covidRemainder.children'),
      figures.childrenCases,
    ],
    ['unallocated', t('covidRemainder.unallocated'), figures.unallocatedCases],
  ];
  return (
    <section className="covid-remainder" data-testid="covid-remainder">
      <h3>{t(scope === 'period' ? 'covidRemainder.titlePeriod' : 'covidRemainder.title')}</h3>
      <dl>
        {rows.map(([key, label, value]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-testid={`covid-remainder-${key}`}>{formatNumber(value, intl)}</dd>
          </div>
        ))}
      </dl>
      {figures.childrenSimulated && (
        <p className="covid-remainder__note">{t('covidRemainder.simulatedNote')}</p>
      )}
    </section>
  );
}
