import { cssRgb, type ChoroplethScale } from '../../map/colours';

/** Classes of the ranking map, so colours read without hovering. */
export function RankingLegend({
  title,
  scale,
  formatValue,
}: {
  title: string;
  scale: ChoroplethScale;
  formatValue: (v: number) => string;
}) {
  return (
    <div className="map-legend review-ranking__legend" data-testid="ranking-legend">
      <h3>{title}</h3>
      <ul>
        {scale.classes.map((c) => (
          <li key={c.from}>
            <span className="swatch" style={{ background: cssRgb(c.colour) }} />
            {`${formatValue(c.from)}–${formatValue(c.to)}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
