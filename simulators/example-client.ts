// An example source: sends one batch to POST /api/ingest and prints what happened to each event.
// It uses only the documented HTTP API (see docs/connectors.md and /docs) and imports nothing from the
// project but types, so it can be copied as the starting point of a connector.
//
//   IOC_URL=http://localhost:8080 IOC_TOKEN=$(cat data/ingest-token) npx tsx simulators/example-client.ts
//
// RUN_ID fixes the event ids: running twice with the same RUN_ID shows every event as a duplicate. The ids follow
// docs/connectors.md: a dossier's is `<dossierCode>:<action>` (what the citizen lookup reads), a reading's
// `<siteId>:<key of the reading>`. A COVID report is one per area and day whoever sends it, so a second run on the
// same day gets it back as a duplicate even with a new RUN_ID.
import type { IngestReport } from '../protocol';

const BASE_URL = (process.env.IOC_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const TOKEN = process.env.IOC_TOKEN;
const RUN_ID = process.env.RUN_ID ?? String(Date.now());
const SOURCE = 'example-client';
/** The server's MAX_INGEST_BATCH: a larger batch is refused whole, so a real connector splits. */
const MAX_BATCH = 5000;
const MAX_ATTEMPTS = 5;

const now = Date.now();
/** Vietnam-time date `YYYY-MM-DD` (UTC+7, no daylight saving). */
const vnDate = new Date(now + 7 * 3600_000).toISOString().slice(0, 10);

/** Events of each stream, with ids that are unique per source and stable for a run: retrying is harmless. */
function exampleEvents(): unknown[] {
  const envelope = (id: string, area: string) => ({ v: 1, id, source: SOURCE, area, tsMs: now });
  // A site of geo/data/sensor-sites.json: readings of a site the installation does not list are refused.
  const siteId = 'LA-WL-794-01';
  const dossierCode = `000.00.39.H38-${vnDate.slice(2).replace(/-/g, '')}-${RUN_ID.slice(-4).padStart(4, '0')}`;
  const sensor = {
    ...envelope(`${siteId}:${RUN_ID}`, '794'),
    stream: 'sensor',
    siteId,
    kind: 'water_level',
    value: 1.42,
    unit: 'm',
    lonLat: [106.41, 10.54],
  };
  return [
    sensor,
    {
      ...envelope(`covid:803:${vnDate}`, '803'),
      stream: 'covid',
      date: vnDate,
      newCases: 3,
      recovered: 5,
      deaths: 0,
      vaccineDoses: 1200,
      epidemicLevel: 2,
    },
    {
      ...envelope(`${dossierCode}:submitted`, '806'),
      stream: 'dossier',
      action: 'submitted',
      dossierCode,
      channel: 'online',
      serviceLevel: 4,
      procedure: 'Cấp giấy phép xây dựng',
      agency: 'UBND huyện Cần Đước',
      dueMs: now + 5 * 86_400_000,
    },
    // Rejected: no such administrative unit.
    { ...sensor, id: `${siteId}:${RUN_ID}:bad-area`, area: '99999' },
    // Rejected: a reading without its value.
    { ...sensor, id: `${siteId}:${RUN_ID}:no-value`, value: undefined },
    // The first event again: a duplicate, answered with the seq it was logged under.
    sensor,
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one batch, retrying on network errors, 429 and 5xx with exponential backoff. Retrying the same batch
 * is safe: events already logged come back as duplicates. Any other 4xx is final: fix the batch, not the timing.
 */
async function send(events: unknown[]): Promise<IngestReport> {
  for (let attempt = 1; ; attempt++) {
    let res: Response | undefined;
    try {
      res = await fetch(`${BASE_URL}/api/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS) throw err;
    }
    if (res?.ok) return (await res.json()) as IngestReport;
    if (res && res.status !== 429 && res.status < 500)
      throw new Error(`refused with ${res.status}: ${await res.text()}`);
    if (attempt >= MAX_ATTEMPTS)
      throw new Error(`gave up after ${attempt} attempts (last status ${res?.status})`);
    const retryAfterS = Number(res?.headers.get('retry-after'));
    await sleep(Number.isFinite(retryAfterS) && retryAfterS > 0 ? retryAfterS * 1000 : 500 * 2 ** attempt);
  }
}

async function main() {
  if (!TOKEN) throw new Error('set IOC_TOKEN (the server writes one to $DATA_DIR/ingest-token)');
  const events = exampleEvents();
  for (let start = 0; start < events.length; start += MAX_BATCH) {
    const report = await send(events.slice(start, start + MAX_BATCH));
    for (const r of report.results) {
      const index = start + r.index;
      if (r.status === 'rejected')
        console.log(`#${index} ${r.id ?? '-'} rejected ${r.reason}: ${JSON.stringify(r.details ?? '')}`);
      else console.log(`#${index} ${r.id} ${r.status} seq=${r.seq}`);
    }
    console.log(`accepted=${report.accepted} duplicates=${report.duplicates} rejected=${report.rejected}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
