import { useRef, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { PRINT_PLOT_PX, usePrintMedia } from '../../ui/print-media';
import { downloadCsv, downloadPng, exportName, toCsv, type CsvCell } from './export';
import type { Resource } from './review.store';

export interface ChartCardProps {
  id: string;
  title: string;
  resource: Resource<unknown>;
  /** The area the chart is drawn for; tests and print read it. */
  area: string;
  /** The data the chart shows, as a table: what the CSV export writes. */
  table: () => { header: string[]; rows: CsvCell[][] };
  exportParts: string[];
  summary?: { text: string; colour: string }[];
  empty?: boolean;
  /** Draws the plot; `printSize` is set while printing: the plot's fixed size on the A4 page. */
  children: (printSize?: { width: number; height: number }) => ReactNode;
}

/**
 * A chart with its title, its figures spelled out, and its exports. While loading it says so, and when the
 * API fails it says why instead of drawing an empty plot a reader could take for "no dossiers".
 */
export function ChartCard(p: ChartCardProps) {
  const { t } = useT();
  const figure = useRef<HTMLElement>(null);
  const printing = usePrintMedia();
  const ok = p.resource.status === 'ok';
  const csv = () => {
    const { header, rows } = p.table();
    downloadCsv(exportName(p.id, p.exportParts, 'csv'), toCsv(header, rows));
  };
  const png = () => {
    if (figure.current) void downloadPng(figure.current, exportName(p.id, p.exportParts, 'png'), '#0f1b28');
  };
  return (
    <figure className="review-chart" ref={figure} data-testid={`chart-${p.id}`} data-area={p.area}>
      <figcaption className="review-chart__head">
        <span className="review-chart__title">{p.title}</span>
        <span className="review-chart__actions no-print">
          <button type="button" onClick={csv} disabled={!ok} data-testid={`chart-${p.id}-csv`}>
            CSV
          </button>
          <button type="button" onClick={png} disabled={!ok} data-testid={`chart-${p.id}-png`}>
            PNG
          </button>
        </span>
      </figcaption>
      {p.resource.status === 'loading' ? (
        <p className="review-chart__state" role="status" data-testid={`chart-${p.id}-loading`}>
          {t('review.loading')}
        </p>
      ) : p.resource.status === 'error' ? (
        <p className="review-chart__state review-error" role="alert" data-testid={`chart-${p.id}-error`}>
          {t('review.loadError', { message: p.resource.message })}
        </p>
      ) : p.empty ? (
        <p className="review-chart__state" data-testid={`chart-${p.id}-empty`}>
          {t('review.noData')}
        </p>
      ) : (
        <>
          {p.summary ? (
            <ul className="review-chart__summary" data-testid={`chart-${p.id}-summary`}>
              {p.summary.map((s) => (
                <li key={s.text} style={{ color: s.colour }}>
                  {s.text}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="review-chart__plot">{p.children(printing ? PRINT_PLOT_PX : undefined)}</div>
        </>
      )}
    </figure>
  );
}
