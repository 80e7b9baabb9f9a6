import { csvLine } from '../../protocol/csv';
import type { Cell } from './source';

/** How a dataset is written: an opening, each row, a closing. Rows are encoded one by one, never joined whole. */
export interface RowEncoder {
  mediaType: string;
  head: string;
  row(cells: readonly Cell[], first: boolean): string;
  tail: string;
}

export function csvEncoder(columns: readonly string[]): RowEncoder {
  return {
    mediaType: 'text/csv; charset=utf-8',
    head: csvLine(columns),
    row: (cells) => csvLine(cells),
    tail: '',
  };
}

/** A JSON array of objects keyed by column name, one object per line. */
export function jsonEncoder(columns: readonly string[]): RowEncoder {
  return {
    mediaType: 'application/json; charset=utf-8',
    head: '[',
    row: (cells, first) =>
      (first ? '\n' : ',\n') +
      JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? null]))),
    tail: '\n]\n',
  };
}
