import { useT } from '../../i18n/use-t';
import { formatClock } from '../../ui/format';
import { usePrintStartedAt } from '../../ui/print-media';

export interface PrintHeaderProps {
  /** Area and period as the page's scope line says them. */
  scope: string;
}

/** A CSS string literal: quotes and backslashes escaped, line breaks as spaces. */
const cssString = (s: string) => `"${s.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;

/**
 * What a printed page says besides the report: area, period and the time of printing under the title, and on
 * every page a running header and "page n/N". Those two are CSS page-margin boxes (`@page { @top-left }`,
 * `counter(page)`/`counter(pages)`), which Chromium draws in its own Print dialog and in `page.pdf` since
 * version 131, and which replace the browser's own header and footer (URL, date) when present. The time is
 * taken when printing starts, by the print-media store, which re-renders this inside `beforeprint`.
 */
export function PrintHeader({ scope }: PrintHeaderProps) {
  const { t, intl } = useT();
  const printedAtMs = usePrintStartedAt();
  const at = printedAtMs === null ? null : formatClock(printedAtMs, intl);
  const printedAt = at ? t('review.printedAt', { time: at.time.slice(0, 5), date: at.date }) : '';
  const running = `${t('review.title')} · ${scope}`;
  const boxes = `@page {
  @top-left { content: ${cssString(running)}; font-size: 8pt; color: #333; }
  @bottom-left { content: ${cssString(printedAt)}; font-size: 8pt; color: #333; }
  @bottom-right { content: ${cssString(t('review.page'))} " " counter(page) "/" counter(pages); font-size: 8pt; color: #333; }
}`;
  return (
    <>
      <style data-testid="print-page-boxes">{boxes}</style>
      <p className="review-print-only review-header__printed" data-testid="print-header">
        {printedAt}
      </p>
    </>
  );
}
