import type { SensorStatus } from '../../protocol';
import { cssRgb, OUTSIDE_RING, STATUS_COLOURS, STATUS_ORDER, type ChoroplethScale } from './colours';

export interface MapLegendProps {
  title: string;
  scale: ChoroplethScale;
  formatValue: (v: number) => string;
  sensorsTitle: string;
  statusLabel: (s: SensorStatus) => string;
  /** Sites per status, shown in the legend so counts are readable without touching the map. */
  statusCounts: Record<SensorStatus, number>;
  /** Sites the set in force places in no unit, when there are any (ringed on the map). */
  outside?: { label: string; count: number };
}

export function MapLegend({
  title,
  scale,
  formatValue,
  sensorsTitle,
  statusLabel,
  statusCounts,
  outside,
}: MapLegendProps) {
  return (
    <div className="map-legend" data-testid="map-legend">
      <h3>{title}</h3>
      <ul>
        {scale.classes.map((c) => (
          <li key={c.from}>
            <span className="swatch" style={{ background: cssRgb(c.colour) }} />
            {c.from === c.to ? formatValue(c.from) : `${formatValue(c.from)}–${formatValue(c.to)}`}
          </li>
        ))}
      </ul>
      <h3>{sensorsTitle}</h3>
      <ul>
        {STATUS_ORDER.map((s) => (
          <li key={s} data-testid={`legend-status-${s}`}>
            <span className="swatch swatch--round" style={{ background: cssRgb(STATUS_COLOURS[s]) }} />
            {statusLabel(s)}: {statusCounts[s]}
          </li>
        ))}
        {outside ? (
          <li data-testid="legend-outside" data-count={outside.count}>
            <span className="swatch swatch--round" style={{ border: `3px solid ${cssRgb(OUTSIDE_RING)}` }} />
            {outside.label}: {outside.count}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
