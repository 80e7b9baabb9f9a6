import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

/** Inside the default e2e history (from 20 July 2021): the lockdown's first week. */
const AT = '2021-07-26T08:00:00.000+07:00';
const AT_MS = Date.parse(AT);

/** Runs before the page's scripts: every text the replay clock shows on the way, in order. */
const RECORD_CLOCK = `(() => {
  window.__clockTexts = [];
  const note = () => {
    const el = document.querySelector('[data-testid="replay-clock"]');
    const text = el ? el.textContent : null;
    if (text && window.__clockTexts.at(-1) !== text) window.__clockTexts.push(text);
  };
  document.addEventListener('DOMContentLoaded', () =>
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true }));
})()`;

describe('a copied replay link against npm start', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    // READ_ACCESS=open: this suite is about the link, not access (sign-in-server.e2e.ts is).
    server = await startServerProcess({ READ_ACCESS: 'open' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens on the state at its instant, never waiting for the clock', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(RECORD_CLOCK);
    const q = new URLSearchParams({
      from: '2021-07-24T00:00:00.000+07:00',
      to: '2021-07-28T00:00:00.000+07:00',
      at: AT,
      speed: '600',
    });
    await page.goto(`${server.url}/replay?${q.toString()}`);
    await page.locator(`[data-testid="replay-clock"][data-ms="${AT_MS}"]`).waitFor({ timeout: 30_000 });

    // The tiles hold the state at that instant: the province's open dossiers as the server counts them then.
    const kpis = (await (
      await fetch(`${server.url}/api/kpis?area=80&at=${encodeURIComponent(AT)}`)
    ).json()) as {
      openDossiers: number;
    };
    expect(await page.getByTestId('kpi-province-open-dossiers-value').textContent()).toBe(
      kpis.openDossiers.toLocaleString('vi-VN'),
    );
    const texts = (await page.evaluate('window.__clockTexts')) as string[];
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).not.toContain('Đang chờ đồng hồ');
      expect(text).toContain('26/07/2021');
    }
    expect(await page.getByTestId('replay-state').textContent()).toBe('Tạm dừng');
    // The map follows the tiles: mounted once the state was painted.
    await page.getByTestId('map-canvas').waitFor({ timeout: 60_000 });
    await page.close();
  });
});
