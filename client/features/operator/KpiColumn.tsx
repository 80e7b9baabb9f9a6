import { KpiTile, type KpiTileProps } from '../../ui/KpiTile';

export function KpiColumn({
  title,
  tiles,
  testId,
}: {
  title: string;
  tiles: KpiTileProps[];
  testId: string;
}) {
  return (
    <div className="kpi-column" data-testid={testId}>
      <h2 className="kpi-column__title">{title}</h2>
      {tiles.map((tile) => (
        <KpiTile key={tile.testId} {...tile} />
      ))}
    </div>
  );
}
