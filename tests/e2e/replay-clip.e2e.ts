import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

const AT = '2021-07-26T08:00:00.000+07:00';
const AT_MS = Date.parse(AT);

/** Plays the clip in the page: its duration, size, and the colours of a frame in the middle. Plain JS. */
const PLAY = `async (b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const video = document.createElement('video');
  video.muted = true;
  video.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
  await new Promise((resolve, reject) => { video.onloadedmetadata = resolve; video.onerror = () => reject(new Error('video error ' + (video.error && video.error.code))); });
  const duration = video.duration;
  video.currentTime = duration / 2;
  await new Promise((resolve) => { video.onseeked = resolve; });
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth; canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(video, 0, 0);
  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  for (let i = 0; i < px.length; i += 64) colours.add(((px[i] >> 3) << 10) | ((px[i + 1] >> 3) << 5) | (px[i + 2] >> 3));
  return { duration, width: video.videoWidth, height: video.videoHeight, colours: colours.size };
}`;

describe('replay clip export in Chromium against npm start', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // READ_ACCESS=open: this suite is about the clip, not access (sign-in-server.e2e.ts is).
    server = await startServerProcess({ READ_ACCESS: 'open' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
    const q = new URLSearchParams({
      from: '2021-07-24T00:00:00.000+07:00',
      to: '2021-07-28T00:00:00.000+07:00',
      at: AT,
    });
    await page.goto(`${server.url}/replay?${q.toString()}`);
    await page.locator(`[data-testid="replay-clock"][data-ms="${AT_MS}"]`).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="map-canvas"] canvas').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('saves one scenario hour at ×720 as a 5 s 1080p WebM that Chromium plays', async () => {
    await page.getByTestId('replay-clip-hours').selectOption('1');
    await page.getByTestId('replay-clip-speed').selectOption('720');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 240_000 }),
      page.getByTestId('replay-clip-start').click(),
      page.getByTestId('replay-clip-progress').waitFor(),
    ]);
    expect(download.suggestedFilename()).toBe('ioc-replay_20210726-0800_20210726-0900.webm');
    const bytes = readFileSync((await download.path())!);
    // Played in a blank page: the app's Content-Security-Policy keeps media to its own origin (no blob: video).
    const player = await browser.newPage();
    const clip = (await player.evaluate(`(${PLAY})(${JSON.stringify(bytes.toString('base64'))})`)) as {
      duration: number;
      width: number;
      height: number;
      colours: number;
    };
    await player.close();
    expect(clip.width).toBe(1920);
    expect(clip.height).toBe(1080);
    expect(clip.duration).toBeGreaterThan(4.5);
    expect(clip.duration).toBeLessThan(5.5);
    // The map, the tiles and the header: far more than a blank frame's few colours.
    expect(clip.colours).toBeGreaterThan(30);
    expect(await page.getByTestId('replay-clip-status').textContent()).toBe(
      'Đã lưu ioc-replay_20210726-0800_20210726-0900.webm (5 giây, 1920×1080)',
    );
    // The replay is back where it stood.
    await page.locator(`[data-testid="replay-clock"][data-ms="${AT_MS}"]`).waitFor({ timeout: 30_000 });
  });
});
