import { useT } from '../../i18n/use-t';
import { addDays, parsePeriod, periodContaining, PERIOD_KINDS, type Period, type PeriodKind } from './period';

export interface PeriodPickerProps {
  period: Period;
  /** The scenario's today, `YYYY-MM-DD`: the last year and quarter offered. */
  todayKey: string;
  onChange: (p: Period) => void;
}

const FIRST_YEAR = 2019;

/** Month, quarter, year or a custom span of days; every choice is a whole number of Vietnam-time days. */
export function PeriodPicker({ period, todayKey, onChange }: PeriodPickerProps) {
  const { t } = useT();
  const lastYear = Number(todayKey.slice(0, 4));
  const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const setKind = (kind: PeriodKind) =>
    onChange(kind === 'custom' ? { ...period, kind } : periodContaining(kind, period.from));
  const pick = (text: string) => {
    const p = parsePeriod(text);
    if (p) onChange(p);
  };
  const last = addDays(period.to, -1);
  return (
    <div className="review-field review-period" role="group" aria-label={t('review.period')}>
      <select
        value={period.kind}
        onChange={(e) => setKind(e.target.value as PeriodKind)}
        data-testid="period-kind"
      >
        {PERIOD_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`review.period.${k}`)}
          </option>
        ))}
      </select>
      {period.kind === 'month' ? (
        <input
          type="month"
          value={period.from.slice(0, 7)}
          min={`${FIRST_YEAR}-01`}
          onChange={(e) => pick(e.target.value)}
          data-testid="period-month"
        />
      ) : null}
      {period.kind === 'quarter' ? (
        <select
          value={`${period.from.slice(0, 4)}-Q${Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1}`}
          onChange={(e) => pick(e.target.value)}
          data-testid="period-quarter"
        >
          {years.flatMap((y) =>
            [1, 2, 3, 4].map((q) => (
              <option key={`${y}-Q${q}`} value={`${y}-Q${q}`}>
                {t('review.period.quarterOf', { q, year: y })}
              </option>
            )),
          )}
        </select>
      ) : null}
      {period.kind === 'year' ? (
        <select
          value={period.from.slice(0, 4)}
          onChange={(e) => pick(e.target.value)}
          data-testid="period-year"
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      ) : null}
      {period.kind === 'custom' ? (
        <>
          <input
            type="date"
            value={period.from}
            max={last}
            onChange={(e) => pick(`${e.target.value}..${last}`)}
            data-testid="period-from"
            aria-label={t('review.period.from')}
          />
          <span>–</span>
          <input
            type="date"
            value={last}
            min={period.from}
            onChange={(e) => pick(`${period.from}..${e.target.value}`)}
            data-testid="period-to"
            aria-label={t('review.period.to')}
          />
        </>
      ) : null}
    </div>
  );
}
