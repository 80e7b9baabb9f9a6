/*
 * Soak of the wall `/wall` in headless Chromium (SwiftShader, the e2e flags) against the built server with the
 * simulation accelerated (a high event rate), scenes rotating every few seconds and a critical alert injected
 * every ten minutes (a burst of high readings, then of low ones five minutes later, each past the on-delay: takeover, camera flight, release). Prints the JS heap after warm-up and at the end
 * (goal: growth ≤ 10 %), the WebGL contexts the page created (goal: constant, one map) and the sockets and
 * socket listeners it holds (goal: constant). Not a test: it prints figures, the last line a summary.
 *
 *   npx tsx bench/wall-soak.ts [--minutes 30] [--warmup 60] [--speed 600] [--small]
 *
 * `--small` (what `npm run bench` runs): 1.5 minutes after a 30 s warm-up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../testkit/browser';
import { startServerProcess } from '../testkit/server-process';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const small = process.argv.includes('--small');
const minutes = small ? 1.5 : arg('minutes', 30);
const warmupS = small ? 30 : arg('warmup', 60);
const speed = arg('speed', 600);

/**
 * Runs before the page's scripts: counts the WebGL contexts created (a wall that re-creates its map leaks
 * them). Plain JS in a string: functions compiled by tsx carry a helper the page does not have.
 */
const COUNT_CONTEXTS = `(() => {
  const seen = new WeakSet();
  window.__webglContexts = 0;
  const orig = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = orig.call(this, type, ...rest);
    if (ctx && /webgl/.test(String(type)) && !seen.has(ctx)) { seen.add(ctx); window.__webglContexts++; }
    return ctx;
  };
})()`;

interface Sample {
  heapMb: number;
  webglContexts: number;
  sockets: number;
  listeners: number;
  seq: number;
}

async function sample(page: Page, cdp: CDPSession): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const page_ = (await page.evaluate(`(() => {
    const live = window.__iocLive ? window.__iocLive() : { sockets: -1, listeners: -1 };
    const seq = Number(document.querySelector('[data-testid="wall"]')?.getAttribute('data-seq') ?? 0);
    return { webglContexts: window.__webglContexts, sockets: live.sockets, listeners: live.listeners, seq };
  })()`)) as Omit<Sample, 'heapMb'>;
  return { heapMb: usedSize / 1e6, ...page_ };
}

const fmt = (s: Sample) =>
  `heap ${s.heapMb.toFixed(1)} MB, WebGL contexts ${s.webglContexts}, sockets ${s.sockets}, ` +
  `socket listeners ${s.listeners}, seq ${s.seq}`;

async function main() {
  const server = await startServerProcess(
    // READ_ACCESS=open: a soak of the wall's memory, not of access; the page reads without signing in.
    // SOAK-WL is the soak's own site, outside geo/'s list.
    {
      SIM_SPEED: String(speed),
      SIM_HISTORY_FROM: '2021-07-25T00:00:00+07:00',
      READ_ACCESS: 'open',
      EXTRA_SENSOR_SITES: 'SOAK-WL',
    },
    undefined,
    180_000,
  );
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript({ content: COUNT_CONTEXTS });
    const cdp = await page.context().newCDPSession(page);
    const scenes = 'province:6,tan-an:6,services:6,covid:6,covid-levels:6,environment:6,traffic:6';
    await page.goto(`${server.url}/wall?scenes=${scenes}&chime=0`);
    await page.locator('[data-testid="wall-connection"][data-state="live"]').waitFor({ timeout: 60_000 });

    const token = readFileSync(path.join(server.dataDir, 'ingest-token'), 'utf8').trim();
    let injected = 0;
    const inject = async () => {
      const { nowMs } = (await (await fetch(`${server.url}/api/health`)).json()) as { nowMs: number };
      const tsMs = Math.round(nowMs);
      await fetch(`${server.url}/api/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        // A burst of five readings a minute apart (the water level's on- and off-delay), dated from now on.
        body: JSON.stringify({
          events: [0, 1, 2, 3, 4].map((k) => ({
            v: 1,
            id: `soak-${tsMs + k * 61_000}`,
            source: 'soak',
            area: '794',
            tsMs: tsMs + k * 61_000,
            stream: 'sensor',
            siteId: 'SOAK-WL',
            kind: 'water_level',
            // Alternating above and below the alarm level: each high burst raises a new critical alert.
            value: injected % 2 ? 1.0 : 2.1,
            unit: 'm',
            lonLat: [106.41, 10.53],
          })),
        }),
      });
      injected++;
    };
    // Five minutes apart, so a burst (dated up to 244 s ahead) never overlaps the next.
    const injector = setInterval(() => void inject(), 300_000);

    console.log(`warm-up ${warmupS} s (SIM_SPEED ${speed}) …`);
    await page.waitForTimeout(warmupS * 1000);
    const t0 = Date.now();
    const first = await sample(page, cdp);
    console.log(`after warm-up: ${fmt(first)}`);
    const endAt = t0 + minutes * 60_000;
    let last = first;
    while (Date.now() < endAt) {
      await page.waitForTimeout(Math.min(60_000, endAt - Date.now()));
      last = await sample(page, cdp);
      console.log(`+${((Date.now() - t0) / 60_000).toFixed(1)} min: ${fmt(last)}`);
    }
    clearInterval(injector);
    const growth = ((last.heapMb - first.heapMb) / first.heapMb) * 100;
    const rate = (last.seq - first.seq) / ((Date.now() - t0) / 1000);
    console.log(`at the end: ${fmt(last)}`);
    console.log(
      `wall soak ${minutes} min at ${Math.round(rate)} events/s, ${injected} alerts injected: ` +
        `heap ${first.heapMb.toFixed(1)} → ${last.heapMb.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %, goal ≤ 10 %), ` +
        `WebGL contexts ${first.webglContexts} → ${last.webglContexts}, ` +
        `socket listeners ${first.listeners} → ${last.listeners} (sockets ${first.sockets} → ${last.sockets})`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
