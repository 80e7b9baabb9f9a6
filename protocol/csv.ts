/** A CSV cell: numbers in plain machine form (a spreadsheet localises them), null as an empty cell. */
export type CsvCell = string | number | null;

/** One field per RFC 4180: quoted when it holds a comma, a quote or a line break, its quotes doubled. */
export function csvField(c: CsvCell): string {
  if (c === null) return '';
  const s = String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line with its CRLF: what the open-data and replay exports stream and the KPI page downloads. */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}
