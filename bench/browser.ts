/*
 * Browser figures on the operator screen `/` of the built server (what `npm start` runs): time from navigation
 * to the first map draw, then frame times and long tasks while the simulation runs fast (a high event rate).
 * Headless Chromium with SwiftShader, the e2e flags. `npx tsx bench/browser.ts [seconds] [speed]`
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../testkit/browser';
import { startServerProcess } from '../testkit/server-process';

export interface BrowserFigure {
  firstMapDrawMs: number;
  /** Time until the connection status says live. */
  liveMs: number;
  frames: number;
  fps: number;
  frameP50Ms: number;
  frameP95Ms: number;
  longTasks: number;
  longTaskMs: number;
  /** Events the server logged per second during the frame window. */
  eventsPerSecond: number;
  simSpeed: number;
}

/** Runs in the page: frame deltas from requestAnimationFrame and long tasks, for `ms`. Plain JS (see TOOLCHAIN.md). */
export const SAMPLE_FRAMES = `(ms) => new Promise((resolve) => {
  const deltas = [];
  let longTasks = 0, longTaskMs = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { longTasks++; longTaskMs += e.duration; }
  });
  obs.observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  const start = last;
  const frame = (t) => {
    deltas.push(t - last);
    last = t;
    if (t - start < ms) requestAnimationFrame(frame);
    else { obs.disconnect(); resolve({ deltas, longTasks, longTaskMs }); }
  };
  requestAnimationFrame(frame);
})`;

/**
 * Distinct colours (5 bits a channel) in the map canvas's box. A page screenshot, not the element's: an element
 * screenshot waits for the canvas to be "stable" over two frames, which a busy SwiftShader page may never be.
 */
export async function mapColours(page: Page): Promise<number> {
  const box = await page.getByTestId('map-canvas').boundingBox();
  if (!box || box.width < 1) return 0;
  const png = PNG.sync.read(await page.screenshot({ clip: box, timeout: 60_000 }));
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 16)
    seen.add(((png.data[i]! >> 3) << 10) | ((png.data[i + 1]! >> 3) << 5) | (png.data[i + 2]! >> 3));
  return seen.size;
}

const countEvents = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
  } finally {
    db.close();
  }
};

export async function benchBrowser(seconds = 20, simSpeed = 300): Promise<BrowserFigure> {
  // `npm start` builds when the build is stale; the bench measures what it serves.
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });
  // READ_ACCESS=open: measures drawing, not access; the page reads without signing in.
  const server = await startServerProcess({ SIM_SPEED: String(simSpeed), READ_ACCESS: 'open' });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const t0 = performance.now();
    await page.goto(server.url);
    const canvas = page.getByTestId('map-canvas');
    await canvas.waitFor({ timeout: 60_000 });
    // Drawn when the canvas holds districts and sites, not one background colour (as the e2e test checks).
    while ((await mapColours(page)) <= 20 && performance.now() - t0 < 60_000);
    const firstMapDrawMs = performance.now() - t0;
    await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 60_000 });
    const liveMs = performance.now() - t0;
    const file = path.join(server.dataDir, 'events.sqlite');
    const n0 = countEvents(file);
    const w0 = performance.now();
    const r = (await page.evaluate(`(${SAMPLE_FRAMES})(${seconds * 1000})`)) as {
      deltas: number[];
      longTasks: number;
      longTaskMs: number;
    };
    const eventsPerSecond = (countEvents(file) - n0) / ((performance.now() - w0) / 1000);
    const sorted = [...r.deltas].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
    return {
      firstMapDrawMs,
      liveMs,
      frames: r.deltas.length,
      fps: r.deltas.length / seconds,
      frameP50Ms: q(0.5),
      frameP95Ms: q(0.95),
      longTasks: r.longTasks,
      longTaskMs: r.longTaskMs,
      eventsPerSecond,
      simSpeed,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchBrowser(Number(process.argv[2] ?? 20), Number(process.argv[3] ?? 300));
  console.log(JSON.stringify(r, null, 2));
}
