import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importCovidCsv } from './import-covid';

const HELP = `Imports a daily COVID case feed into a running server, through POST /api/ingest.

  npm run import:covid -- <file.csv> [--url http://localhost:8080] [--token TOKEN] [--source NAME]

The file: a header naming date,new_cases[,cumulative_cases][,area]; one row per day (and area; no area means
the province, 80). Bad rows are reported with their line and reason; good rows are kept. A report for an area
and day that is already in the log (from the simulator or an earlier import) is not counted twice.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://localhost:8080' },
    token: { type: 'string' },
    source: { type: 'string', default: 'csv-import' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || positionals.length !== 1) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}

const token = values.token ?? readFileSync('data/ingest-token', 'utf8').trim();
const summary = await importCovidCsv(readFileSync(positionals[0]!, 'utf8'), {
  url: values.url,
  token,
  source: values.source,
});
console.log(
  `${summary.rows} rows: ${summary.accepted} imported, ${summary.duplicates} already in the log, ` +
    `${summary.parseRejected.length + summary.serverRejected.length} rejected`,
);
for (const r of summary.parseRejected) console.log(`  line ${r.line}: ${r.reason}`);
for (const r of summary.serverRejected) console.log(`  ${r.date} ${r.area}: ${r.reason}`);
process.exit(summary.parseRejected.length + summary.serverRejected.length > 0 ? 1 : 0);
