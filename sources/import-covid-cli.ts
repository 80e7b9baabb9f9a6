import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { heldCsv, importCovidCsv } from './import-covid';

const HELP = `Imports a daily COVID case feed into a running server, through POST /api/ingest.

  npm run import:covid -- <file.csv> [--url http://localhost:8080] [--token TOKEN] [--source NAME]
                                     [--hold held.csv]

The file: a header naming date,new_cases[,cumulative_cases][,area][,revision] (or Ngày, Số ca mới, Cộng dồn,
Mã địa bàn, Lần sửa), comma or semicolon separated, quoted or not; one row per day (and area; no area means the
province, 80). Bad rows are reported with their line and reason; good rows are kept. Re-importing a file is all
duplicates; a row whose figures changed replaces the earlier report of its day (a correction), and a real
source's report replaces the simulator's for its area and day (docs/connectors.md).

Rows dated after the server's clock are refused as future and counted. With --hold FILE they are written to
FILE; run the import on that file once the clock has reached them. The token is read from $DATA_DIR/ingest-token
(./data/ingest-token when DATA_DIR is not set) unless --token is given.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://localhost:8080' },
    token: { type: 'string' },
    source: { type: 'string', default: 'csv-import' },
    hold: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || positionals.length !== 1) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}

const tokenFile = path.join(process.env.DATA_DIR ?? 'data', 'ingest-token');
const token = values.token ?? readFileSync(tokenFile, 'utf8').trim();
// A bar only where someone watches, and only when the file is long enough to wait for.
let bar: SingleBar | null = null;
const summary = await importCovidCsv(readFileSync(positionals[0]!, 'utf8'), {
  url: values.url,
  token,
  source: values.source,
  onProgress: (sent, total) => {
    if (!bar && process.stderr.isTTY && total > 2000) {
      bar = new SingleBar(
        { format: 'import {bar} {value}/{total} rows', stream: process.stderr },
        Presets.shades_classic,
      );
      bar.start(total, 0);
    }
    bar?.update(sent);
  },
});
(bar as SingleBar | null)?.stop();
const rejected = summary.parseRejected.length + summary.serverRejected.length;
console.log(
  `${summary.rows} rows: ${summary.accepted} imported, ${summary.duplicates} already in the log, ` +
    `${summary.future.length} refused as future (after the IOC clock), ${rejected} rejected`,
);
for (const r of summary.parseRejected) console.log(`  line ${r.line}: ${r.reason}`);
for (const r of summary.serverRejected) console.log(`  line ${r.line} (${r.date}, ${r.area}): ${r.reason}`);
if (summary.future.length > 0) {
  const first = summary.future[0]!.event.date;
  if (values.hold) {
    writeFileSync(values.hold, heldCsv(summary.future));
    console.log(
      `  ${summary.future.length} future rows from ${first} held in ${values.hold}: import it again later`,
    );
  } else console.log(`  future rows start ${first}; --hold FILE keeps them for a later run`);
}
process.exit(rejected > 0 ? 1 : 0);
