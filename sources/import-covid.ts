import type { IngestReport } from '../protocol';
import { parseCovidCsv, type CovidCsvResult } from './covid-csv';

export interface CovidImportSummary {
  rows: number;
  /** Rows the parser refused, with their line number and why. */
  parseRejected: CovidCsvResult['rejected'];
  accepted: number;
  duplicates: number;
  /** Events the server refused, with the CSV date and area they came from. */
  serverRejected: { date: string; area: string; reason: string }[];
}

const BATCH = 1000;

/**
 * Imports a COVID case file through the public ingest endpoint, exactly as an outside system would:
 * parsed and validated here, validated again by the server, deduplicated by area and day there.
 */
export async function importCovidCsv(
  text: string,
  opts: { url: string; token: string; source?: string },
): Promise<CovidImportSummary> {
  const parsed = parseCovidCsv(text, { source: opts.source ?? 'csv-import' });
  const summary: CovidImportSummary = {
    rows: parsed.events.length + parsed.rejected.length,
    parseRejected: parsed.rejected,
    accepted: 0,
    duplicates: 0,
    serverRejected: [],
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
      const e = events[r.index]!;
      summary.serverRejected.push({
        date: e.date,
        area: e.area,
        reason: `${r.reason} ${JSON.stringify(r.details ?? '')}`,
      });
    }
  }
  return summary;
}
