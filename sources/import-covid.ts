import type { CovidReport, IngestReport } from '../protocol';
import { parseCovidCsv, type CovidCsvResult } from './covid-csv';

export interface CovidImportSummary {
  rows: number;
  /** Rows the parser refused, with their line number and why. */
  parseRejected: CovidCsvResult['rejected'];
  accepted: number;
  duplicates: number;
  /** Rows the server refused for another reason than being ahead of its clock, by line, date and area. */
  serverRejected: { line: number; date: string; area: string; reason: string }[];
  /**
   * Rows dated after the IOC clock (`future_event`): not imported. With `hold`, they are kept, in the file's
   * format, for a later run once the clock has reached them ({@link heldCsv}).
   */
  future: { line: number; event: CovidReport }[];
}

const BATCH = 1000;

/**
 * Imports a COVID case file through the public ingest endpoint, exactly as an outside system would: parsed and
 * validated here, validated again by the server (event time, area, official source), deduplicated by source and
 * id there; the server's report ledger decides which report of an (area, day) counts. `onProgress` hears the
 * rows sent so far after each batch.
 */
export async function importCovidCsv(
  text: string,
  opts: { url: string; token: string; source?: string; onProgress?: (sent: number, total: number) => void },
): Promise<CovidImportSummary> {
  const parsed = parseCovidCsv(text, { source: opts.source ?? 'csv-import' });
  const summary: CovidImportSummary = {
    rows: parsed.events.length + parsed.rejected.length,
    parseRejected: parsed.rejected,
    accepted: 0,
    duplicates: 0,
    serverRejected: [],
    future: [],
  };
  for (let i = 0; i < parsed.events.length; i += BATCH) {
    const events = parsed.events.slice(i, i + BATCH);
    const res = await fetch(`${opts.url.replace(/\/$/, '')}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    if (!res.ok) throw new Error(`ingest refused the batch: HTTP ${res.status} ${await res.text()}`);
    const report = (await res.json()) as IngestReport;
    summary.accepted += report.accepted;
    summary.duplicates += report.duplicates;
    for (const r of report.results) {
      if (r.status !== 'rejected') continue;
      const event = events[r.index]!;
      const line = parsed.lines[i + r.index]!;
      if (r.reason === 'future_event') summary.future.push({ line, event });
      else
        summary.serverRejected.push({
          line,
          date: event.date,
          area: event.area,
          reason: `${r.reason}: ${r.details ?? ''}`,
        });
    }
    opts.onProgress?.(Math.min(i + BATCH, parsed.events.length), parsed.events.length);
  }
  return summary;
}

/**
 * The rows held back as future, as a file `npm run import:covid` takes again: a later run, once the clock has
 * reached them, imports them; rows the clock has still not reached are held again.
 */
export function heldCsv(future: CovidImportSummary['future']): string {
  const rows = future.map(({ event: e }) => `${e.date},${e.newCases},${e.area},${e.revision ?? 1}`);
  return ['date,new_cases,area,revision', ...rows].join('\n') + '\n';
}
