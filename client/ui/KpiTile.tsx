export interface KpiTileProps {
  testId: string;
  label: string;
  /** Already formatted for the locale, e.g. "77.769" or "86,25 %". */
  value: string;
  unit?: string;
  /** How old the figure is, spelled out: a wall display has no hover to ask. */
  age: string;
  tone?: 'normal' | 'alert';
}

export function KpiTile({ testId, label, value, unit, age, tone = 'normal' }: KpiTileProps) {
  return (
    <section className={`kpi-tile kpi-tile--${tone}`} data-testid={testId} aria-label={label}>
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
