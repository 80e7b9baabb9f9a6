/*
 * The wall `/wall` with N live sensor sites updating at 1 Hz against a bare deck.gl page drawing the same
 * sites from the same feed (bench/bare-deck): median fps (requestAnimationFrame intervals), long tasks and
 * batches applied over a window, in headless Chromium with the e2e flags (SwiftShader). The feed is
 * bench/live-points-feed.ts in front of the built server (SIM=off), so the wall is the product's bundle.
 *
 *   npx tsx bench/live-points.ts [--sites 10000,100000] [--seconds 20] [--pages wall,bare] [--profile dir]
 *
 * `--profile dir` writes a CPU profile of each page's window (`wall-10000.cpuprofile`, …) for
 * bench/profile-summary.ts; build with `npx vite build --minify false` first to read function names.
 * `BENCH_TRACE_DIR=dir` writes a Chrome trace of each window (`wall-10000.trace.json`) for bench/trace-summary.ts.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import type { BrowserContext, Page } from 'playwright-core';
import { STATUS_COLOURS } from '../client/map/colours';
import { launchBrowser } from '../testkit/browser';
import { startServerProcess } from '../testkit/server-process';
import { SAMPLE_FRAMES } from './browser';
import { startLivePointsFeed } from './live-points-feed';

/** `bare-ws`: the bare page on WebSocket from the start, to tell the transport's share apart (not in `npm run bench`). */
export type PointsPage = 'wall' | 'bare' | 'bare-ws';

export interface PointsFigure {
  page: PointsPage;
  sites: number;
  seconds: number;
  /** 1000 / the median requestAnimationFrame interval. */
  medianFps: number;
  frames: number;
  frameP95Ms: number;
  longTasks: number;
  longTaskMs: number;
  /** Feed batches the page applied during the window, and the ticks the feed sent meanwhile. */
  batchesApplied: number;
  batchesSent: number;
  /** Share of the map's pixels in a site status colour, at the end of the window (0 means nothing drawn). */
  pointPixelShare: number;
  /** Navigation → the sites first on screen. */
  firstDrawMs: number;
  /** Set when the page could not be measured (never drew, or stopped answering); the figures are then NaN. */
  error?: string;
}

/** A page busy for minutes on one batch is a result, not a crash: the bench records it and moves on. */
const PAGE_BUDGET_MS = 120_000;

/** Share of the pixels of `clip` within a few levels of a site status colour: the points the layer drew. */
async function pointPixelShare(page: Page, clip: { x: number; y: number; width: number; height: number }) {
  const png = PNG.sync.read(await page.screenshot({ clip, timeout: 60_000 }));
  const colours = Object.values(STATUS_COLOURS);
  let hits = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    if (colours.some((c) => Math.abs(c[0] - r) < 12 && Math.abs(c[1] - g) < 12 && Math.abs(c[2] - b) < 12))
      hits++;
  }
  return hits / (png.width * png.height);
}

/** What the page has applied: the wall's `data-seq`, the bare page's own counter. */
async function appliedSeq(page: Page, kind: PointsPage): Promise<number> {
  return kind === 'wall'
    ? Number(await page.getByTestId('wall').getAttribute('data-seq'))
    : ((await page.evaluate('window.__bare ? window.__bare.seq : 0')) as number);
}

async function measure(
  context: BrowserContext,
  feed: Awaited<ReturnType<typeof startLivePointsFeed>>,
  kind: PointsPage,
  sites: number,
  seconds: number,
  profileDir?: string,
): Promise<PointsFigure> {
  const page = await context.newPage();
  const t0 = performance.now();
  // One scene that shows every site, paused, no chime: the wall as it stands in the room, minus rotation.
  const url = {
    wall: '/wall?scenes=province:3600&paused=1&chime=0',
    bare: '/bare/',
    'bare-ws': '/bare/?transport=websocket',
  }[kind];
  await page.goto(`${feed.url}${url}`);
  const target = page.getByTestId(kind === 'wall' ? 'map-canvas' : 'bare-deck');
  await target.waitFor({ timeout: 60_000 });
  const box = (await target.boundingBox({ timeout: 60_000 }))!;
  // Drawn: the snapshot is in and the points cover a visible share of the map.
  for (;;) {
    const seq = await appliedSeq(page, kind);
    if (seq >= sites && (await pointPixelShare(page, box)) > 0.02) break;
    if (performance.now() - t0 > 90_000)
      throw new Error(`${kind} with ${sites} sites: no points drawn in 90 s`);
    await page.waitForTimeout(250);
  }
  const firstDrawMs = performance.now() - t0;
  // Past the first batches (and their one-off costs: shader compiles, first uploads).
  await page.waitForTimeout(3000);
  const seq0 = await appliedSeq(page, kind);
  const tick0 = feed.ticks();
  const tracePath = process.env.BENCH_TRACE_DIR
    ? path.join(process.env.BENCH_TRACE_DIR, `${kind}-${sites}.trace.json`)
    : null;
  // A Chrome trace splits the native time a CPU profile shows as "(program)": style, layout, paint, GPU waits.
  if (tracePath)
    await context.browser()!.startTracing(page, {
      path: tracePath,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'gpu', 'cc', 'viz', 'blink'],
    });
  const cdp = profileDir ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const r = (await page.evaluate(`(${SAMPLE_FRAMES})(${seconds * 1000})`)) as {
    deltas: number[];
    longTasks: number;
    longTaskMs: number;
  };
  if (tracePath) await context.browser()!.stopTracing();
  if (cdp && profileDir) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(path.join(profileDir, `${kind}-${sites}.cpuprofile`), JSON.stringify(profile));
  }
  const batchesSent = feed.ticks() - tick0;
  const batchesApplied = Math.round(((await appliedSeq(page, kind)) - seq0) / sites);
  const sorted = [...r.deltas].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return {
    page: kind,
    sites,
    seconds,
    medianFps: 1000 / q(0.5),
    frames: r.deltas.length,
    frameP95Ms: q(0.95),
    longTasks: r.longTasks,
    longTaskMs: r.longTaskMs,
    batchesApplied,
    batchesSent,
    pointPixelShare: await pointPixelShare(page, box),
    firstDrawMs,
  };
}

function failed(page: PointsPage, sites: number, seconds: number, err: unknown): PointsFigure {
  const nan = Number.NaN;
  return {
    page,
    sites,
    seconds,
    medianFps: nan,
    frames: 0,
    frameP95Ms: nan,
    longTasks: 0,
    longTaskMs: nan,
    batchesApplied: 0,
    batchesSent: 0,
    pointPixelShare: 0,
    firstDrawMs: nan,
    error: (err instanceof Error ? err.message : String(err)).split('\n')[0]!,
  };
}

/** Wall then bare page for each size, one browser, one real server behind one feed per size. */
export async function benchLivePoints(
  sizes: number[],
  seconds: number,
  profileDir?: string,
  pages: readonly PointsPage[] = ['wall', 'bare'],
): Promise<PointsFigure[]> {
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });
  // READ_ACCESS=open: measures drawing, not access; the wall reads without signing in.
  const server = await startServerProcess({ SIM: 'off', READ_ACCESS: 'open' });
  const browser = await launchBrowser();
  const out: PointsFigure[] = [];
  try {
    for (const sites of sizes) {
      const feed = await startLivePointsFeed(server.url, sites);
      try {
        for (const kind of pages) {
          let timer: NodeJS.Timeout | undefined;
          // A fresh context per page; closing it also ends a measurement that ran out of time.
          const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
          const f = await Promise.race([
            measure(context, feed, kind, sites, seconds, profileDir),
            new Promise<never>((_, reject) => {
              timer = setTimeout(
                () => reject(new Error(`no figure in ${PAGE_BUDGET_MS / 1000} s`)),
                PAGE_BUDGET_MS,
              );
            }),
          ])
            .catch((err: unknown) => failed(kind, sites, seconds, err))
            .finally(() => clearTimeout(timer));
          await context.close();
          console.log(
            `  ${kind} ${sites.toLocaleString('en')} sites: ${f.medianFps.toFixed(1)} fps (median), ` +
              `${f.longTasks} long tasks (${Math.round(f.longTaskMs)} ms), ` +
              `${f.batchesApplied}/${f.batchesSent} batches, points ${(f.pointPixelShare * 100).toFixed(0)} % of the map`,
          );
          out.push(f);
        }
      } finally {
        await feed.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const sizes = (arg('sites') ?? '10000,100000').split(',').map(Number);
  const pages = (arg('pages') ?? 'wall,bare').split(',') as PointsPage[];
  const r = await benchLivePoints(sizes, Number(arg('seconds') ?? 20), arg('profile'), pages);
  console.log(JSON.stringify(r, null, 2));
}
