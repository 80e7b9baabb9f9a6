export interface KpiTileProps {
  testId: string;
  label: string;
  /** Already formatted for the locale, e.g. "77.769" or "86,25 %". */
  value: string;
  unit?: string;
  /** How old the figure is, spelled out: a wall display has no hover to ask. */
  age: string;
  tone?: 'normal' | 'alert';
  /** The area has no figure of this kind (a ward, for district-level data). */
  noData?: boolean;
}

export function KpiTile({ testId, label, value, unit, age, tone = 'normal', noData = false }: KpiTileProps) {
  return (
    <section
      className={`kpi-tile kpi-tile--${tone}${noData ? ' kpi-tile--no-data' : ''}`}
      data-testid={testId}
      data-no-data={noData || undefined}
      aria-label={label}
    >
      <h3 className="kpi-tile__label">{label}</h3>
      <p className="kpi-tile__value">
        <span data-testid={`${testId}-value`}>{value}</span>
        {unit ? <span className="kpi-tile__unit"> {unit}</span> : null}
      </p>
      <p className="kpi-tile__age" data-testid={`${testId}-age`}>
        {age}
      </p>
    </section>
  );
}
