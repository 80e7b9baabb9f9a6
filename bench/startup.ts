/*
 * Start-up: a clean store to the first live paint in the browser. Spawns the built server (`npm start`'s
 * `dist/server/index.js`) on an empty data directory and times, from the process start: the backfill's start
 * and end (from its log lines), listening, then in headless Chromium (the e2e flags) the wall's navigation,
 * its map drawn, its subscription live and the first live batch folded in (its `data-seq` moves past the
 * snapshot's).
 *
 *   npx tsx bench/startup.ts [--history-from 2021-07-29T00:00:00+07:00]   (default: the server's, 2019)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../testkit/browser';
import { freePort } from '../testkit/server-process';
import { mapColours } from './browser';

/** Milliseconds from the server process's start to each milestone. */
export interface StartupFigure {
  historyFrom: string | null;
  backfilledEvents: number;
  backfillStartMs: number;
  backfillDoneMs: number;
  listeningMs: number;
  navigationMs: number;
  mapDrawnMs: number;
  liveMs: number;
  firstLiveTickMs: number;
}

const waitFor = async (what: string, ok: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`start-up: no ${what} in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

export async function benchStartup(historyFrom: string | null, timeoutMs = 900_000): Promise<StartupFigure> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-startup-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  const marks: Record<string, number> = {};
  let out = '';
  let events = 0;
  const child = spawn(process.execPath, ['dist/server/index.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dir,
      SIM_SEED: '2021',
      // Measures start-up to a drawn wall, not access: the page reads without signing in.
      READ_ACCESS: 'open',
      ...(historyFrom ? { SIM_HISTORY_FROM: historyFrom } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onOutput = (d: Buffer) => {
    out += d;
    // The server's own log lines mark its phases (server/index.ts).
    if (!marks.backfillStart && out.includes('Backfilling history')) marks.backfillStart = since();
    const done = /Backfilled ([\d,]+) events/.exec(out);
    if (!marks.backfillDone && done) {
      marks.backfillDone = since();
      events = Number(done[1]!.replace(/,/g, ''));
    }
    if (!marks.listening && out.includes('listening on')) marks.listening = since();
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const browser = await launchBrowser();
  try {
    await waitFor('listening', () => marks.listening !== undefined || child.exitCode !== null, timeoutMs);
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    marks.navigation = since();
    await page.goto(`${url}/wall?scenes=province:3600&paused=1&chime=0`);
    await page.getByTestId('map-canvas').waitFor({ timeout: 120_000 });
    // Drawn when the canvas holds districts and sites, not one background colour (as the e2e test checks).
    while ((await mapColours(page)) <= 20) {
      if (since() - marks.navigation > 120_000) throw new Error('start-up: the map was not drawn in 120 s');
      await page.waitForTimeout(100);
    }
    marks.mapDrawn = since();
    await page.locator('[data-testid="wall-connection"][data-state="live"]').waitFor({ timeout: 120_000 });
    marks.live = since();
    const wall = page.getByTestId('wall');
    const seq0 = Number(await wall.getAttribute('data-seq'));
    // Polled from here: the app's CSP forbids the string evaluation waitForFunction would need.
    while (Number(await wall.getAttribute('data-seq')) <= seq0) {
      if (since() - marks.live > 120_000) throw new Error('start-up: no live batch in 120 s');
      await page.waitForTimeout(50);
    }
    marks.firstLiveTick = since();
    return {
      historyFrom,
      backfilledEvents: events,
      backfillStartMs: marks.backfillStart ?? Number.NaN,
      backfillDoneMs: marks.backfillDone ?? Number.NaN,
      listeningMs: marks.listening!,
      navigationMs: marks.navigation,
      mapDrawnMs: marks.mapDrawn,
      liveMs: marks.live,
      firstLiveTickMs: marks.firstLiveTick,
    };
  } finally {
    await browser.close();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--history-from');
  console.log(JSON.stringify(await benchStartup(i >= 0 ? process.argv[i + 1]! : null), null, 2));
}
