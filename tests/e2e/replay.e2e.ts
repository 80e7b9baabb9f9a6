import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { startServerProcess, type ServerProcess } from './support/server-process';

const LOCKDOWN = '2021-07-26T08:00';
const LOCKDOWN_MS = Date.parse(`${LOCKDOWN}:00+07:00`);
const TILES = '[data-testid^="kpi-"][data-testid$="-value"]';

async function clockMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('replay-clock').getAttribute('data-ms'));
}
const tileValues = (page: Page) => page.locator(TILES).allTextContents();

describe('analyst replay against npm start', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // History from mid-July: Long An's Directive 16 lockdown began on 19 July 2021.
    server = await startServerProcess({ SIM_HISTORY_FROM: '2021-07-15T00:00:00+07:00' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/replay`);
    await page
      .locator('[data-testid="replay-clock"][data-ms]:not([data-ms=""])')
      .waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says REPLAY and seeks into the lockdown', async () => {
    expect(await page.getByTestId('replay-badge').textContent()).toBe('PHÁT LẠI');
    await page.getByTestId('replay-goto').fill(LOCKDOWN);
    await page.getByTestId('replay-goto-submit').click();
    await page.waitForFunction(
      (ms) => document.querySelector('[data-testid="replay-clock"]')?.getAttribute('data-ms') === String(ms),
      LOCKDOWN_MS,
    );
    expect(await page.getByTestId('replay-density').count()).toBe(1);
  });

  it('plays at 600×: the clock runs, the tiles and the map change', async () => {
    const map = page.getByTestId('map-canvas');
    await page.waitForTimeout(1500); // let maplibre and deck.gl draw their first frame before the reference shot
    const mapBefore = await map.screenshot();
    const tilesBefore = await tileValues(page);
    await page.getByTestId('replay-speed-600').click();
    await page.getByTestId('replay-play').click();
    await page.waitForFunction(
      ([sel, before]) => [...document.querySelectorAll(sel)].map((e) => e.textContent).join('|') !== before,
      [TILES, tilesBefore.join('|')] as const,
      { timeout: 30_000 },
    );
    expect(await clockMs(page)).toBeGreaterThan(LOCKDOWN_MS);
    let mapAfter = await map.screenshot();
    for (let i = 0; i < 40 && mapAfter.equals(mapBefore); i++) {
      await page.waitForTimeout(250);
      mapAfter = await map.screenshot();
    }
    expect(mapAfter.equals(mapBefore)).toBe(false);
  });

  it('jumps to the next alert, pauses, and a copied link reopens the same state', async () => {
    const before = await clockMs(page);
    await page.getByTestId('replay-next-alert').click();
    await page.locator('.replay-alert--current').waitFor({ timeout: 60_000 });
    await page.getByTestId('replay-play').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="replay-play"]')?.getAttribute('aria-pressed') === 'false',
    );
    const at = await clockMs(page);
    expect(at).toBeGreaterThan(before);
    await page.screenshot({ path: 'docs/screenshots/replay.png' });
    const tiles = await tileValues(page);
    const alerts = await page.getByTestId('replay-alert').allTextContents();

    await page.getByTestId('replay-copy-link').click();
    const link = await page.getByTestId('replay-link').inputValue();
    expect(link).toContain('/replay?');
    const second = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await second.goto(link);
    await second.waitForFunction(
      (ms) => document.querySelector('[data-testid="replay-clock"]')?.getAttribute('data-ms') === String(ms),
      at,
      { timeout: 30_000 },
    );
    await second.locator(TILES).first().waitFor();
    expect(await tileValues(second)).toEqual(tiles);
    expect(await second.getByTestId('replay-alert').allTextContents()).toEqual(alerts);
    await second.close();
  });
});
