import { toPng } from 'html-to-image';
import { csvLine, type CsvCell } from '../../../protocol/csv';
import { downloadBlob, downloadHref } from '../../ui/download';

export type { CsvCell };

/** A whole CSV file, header first, written by the one CSV writer the exports use too (protocol/csv.ts). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map(csvLine).join('');
}

export function downloadCsv(filename: string, csv: string): void {
  // The byte-order mark makes Excel read the Vietnamese names as UTF-8.
  downloadBlob(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }), filename);
}

export async function downloadPng(node: HTMLElement, filename: string, background: string): Promise<void> {
  downloadHref(await toPng(node, { backgroundColor: background, pixelRatio: 2 }), filename);
}

/** A file name from a chart id and the period: `kpi-online-monthly_80_2021-01-01_2021-10-01.csv`. */
export function exportName(id: string, parts: readonly string[], ext: 'csv' | 'png'): string {
  return `${[id, ...parts].join('_').replace(/[^\w.-]+/g, '-')}.${ext}`;
}
