import { SeriesPlot, type PlotSeries, type SeriesPlotProps } from './SeriesPlot';
import './series-panels.css';

export interface SeriesPanel {
  /** The area (or group) the panel draws; its series keys are in the rows. */
  key: string;
  /** Names the panel's own axis: the area and the unit its scale counts ("TP. Tân An — hồ sơ"). */
  title: string;
  colour: string;
  series: PlotSeries[];
}

export interface SeriesPanelsProps extends Omit<SeriesPlotProps, 'series' | 'size'> {
  panels: SeriesPanel[];
  /** Fixed size of all the panels together (tests, print); the page fills the box. */
  size?: { width: number; height: number };
}

/** Height of a panel's title line, px, taken from a fixed size before the plot is drawn. */
const TITLE_PX = 18;

/**
 * Small multiples: one plot per area, stacked, each with its own y-axis named by its title. Used where a city
 * and its province are counted in the same unit but at scales an order of magnitude apart: each shape is
 * readable and no axis pretends the two are comparable in height.
 */
export function SeriesPanels({ panels, size, ...plot }: SeriesPanelsProps) {
  const each = size
    ? { width: size.width, height: Math.floor(size.height / panels.length) - TITLE_PX }
    : undefined;
  return (
    <div className="series-panels" style={size ? { ...size } : undefined}>
      {panels.map((p) => (
        <div key={p.key} className="series-panels__panel" data-panel={p.key}>
          <span className="series-panels__title" style={{ color: p.colour, height: TITLE_PX }}>
            {p.title}
          </span>
          <div className="series-panels__plot">
            <SeriesPlot {...plot} series={p.series} size={each} />
          </div>
        </div>
      ))}
    </div>
  );
}
