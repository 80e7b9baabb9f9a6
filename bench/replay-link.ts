/*
 * A copied replay link, opened cold: navigation → the page painting the state at the link's instant (the
 * replay clock on the link's instant and the KPI tiles filled, one frame later), over several fresh pages of
 * the built server (what `npm start` serves). Each run is a new browser context, so nothing is cached between
 * them but what a returning analyst's HTTP cache would hold anyway (nothing: fresh contexts start empty).
 *
 *   npx tsx bench/replay-link.ts [runs]      (default 5; `--trace` prints each run's request timings)
 */
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../testkit/browser';
import { startServerProcess } from '../testkit/server-process';

export interface ReplayLinkFigure {
  runs: number[];
  minMs: number;
  maxMs: number;
  medianMs: number;
  /** Whether any run showed the "waiting for the clock" text on the way to the state. */
  sawClockWait: boolean;
}

/** The link's instant: Long An's lockdown, inside the e2e history (from 20 July 2021). */
export const LINK_AT = '2021-07-26T08:00:00.000+07:00';

/** Runs in the page before its scripts: records when the clock first shows `atMs` with tiles, and any wait text. */
const WATCH = `(atMs) => {
  window.__link = { paintedMs: null, sawWait: false };
  const check = () => {
    if (window.__link.paintedMs !== null) return;
    const clock = document.querySelector('[data-testid="replay-clock"]');
    if (clock && /chờ đồng hồ|Waiting for the clock/.test(clock.textContent || '')) window.__link.sawWait = true;
    const tile = document.querySelector('[data-testid^="kpi-"][data-testid$="-value"]');
    if (clock && clock.getAttribute('data-ms') === String(atMs) && tile && tile.textContent) {
      // Painted on the frame after the DOM holds it.
      requestAnimationFrame(() => { window.__link.paintedMs = performance.now(); });
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    check();
  });
}`;

async function oneRun(
  browser: Browser,
  link: string,
  atMs: number,
  trace: boolean,
): Promise<{ ms: number; sawWait: boolean }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(`(${WATCH})(${atMs})`);
    if (trace) {
      page.on('requestfinished', (req) => {
        const t = req.timing();
        console.log(
          `  ${Math.round(t.startTime)} +${Math.round(t.responseEnd)} ms ${req.url().replace(/^https?:\/\/[^/]+/, '')}`,
        );
      });
    }
    await page.goto(link);
    const handle = await page.waitForFunction(
      () => {
        const w = (window as unknown as { __link: { paintedMs: number | null; sawWait: boolean } }).__link;
        return w.paintedMs === null ? null : w;
      },
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    const { paintedMs, sawWait } = (await handle.jsonValue()) as { paintedMs: number; sawWait: boolean };
    // performance.now() counts from the navigation's start, which is what the analyst waits from.
    return { ms: paintedMs, sawWait };
  } finally {
    await context.close();
  }
}

export async function benchReplayLink(runs = 5, trace = false): Promise<ReplayLinkFigure> {
  // Measures the link, not access: the page reads without signing in.
  const server = await startServerProcess({ READ_ACCESS: 'open' });
  const browser = await launchBrowser();
  try {
    const atMs = Date.parse(LINK_AT);
    const q = new URLSearchParams({
      from: '2021-07-24T00:00:00.000+07:00',
      to: '2021-07-28T00:00:00.000+07:00',
      at: LINK_AT,
      speed: '600',
    });
    const link = `${server.url}/replay?${q.toString()}`;
    // One unmeasured load: the server's first seek warms its caches, as any earlier visitor's would.
    await oneRun(browser, link, atMs, false);
    const times: number[] = [];
    let sawClockWait = false;
    for (let i = 0; i < runs; i++) {
      const r = await oneRun(browser, link, atMs, trace);
      times.push(r.ms);
      sawClockWait ||= r.sawWait;
      if (trace) console.log(`run ${i + 1}: ${r.ms.toFixed(0)} ms${r.sawWait ? ' (clock wait seen)' : ''}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      runs: times,
      minMs: sorted[0]!,
      maxMs: sorted.at(-1)!,
      medianMs: sorted[Math.floor(sorted.length / 2)]!,
      sawClockWait,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
  const r = await benchReplayLink(runs, process.argv.includes('--trace'));
  console.log(
    `replay link → state painted: ${r.minMs.toFixed(0)}–${r.maxMs.toFixed(0)} ms over ${runs} runs ` +
      `(median ${r.medianMs.toFixed(0)} ms)${r.sawClockWait ? ', clock wait seen' : ', no clock wait'}`,
  );
}
