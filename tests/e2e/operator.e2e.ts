import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { colourSpread, launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

describe('operator screen against npm start', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // READ_ACCESS=open: this suite is about the operator screen's drawing, not access (sign-in-server.e2e.ts is).
    server = await startServerProcess({ READ_ACCESS: 'open' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('goes live and shows the scenario time', async () => {
    await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 30_000 });
    const ms = Number(await page.getByTestId('scenario-clock').getAttribute('data-ms'));
    expect(ms).toBeGreaterThanOrEqual(Date.parse('2021-08-01T08:00:00+07:00'));
    expect(ms).toBeLessThan(Date.parse('2021-08-03T00:00:00+07:00'));
  });

  it('ticks the KPI tiles with the stream', async () => {
    const tile = page.getByTestId('kpi-province-online-today-value');
    const first = await tile.textContent();
    // At 60× scenario speed, online dossiers arrive every few real seconds in office hours.
    await page.waitForFunction(
      (before) =>
        document.querySelector('[data-testid="kpi-province-online-today-value"]')?.textContent !== before,
      first,
      { timeout: 60_000 },
    );
    expect(await tile.textContent()).not.toBe(first);
  });

  it('draws the map: districts and sensor sites, not a blank canvas', async () => {
    const canvas = page.getByTestId('map-canvas');
    await canvas.waitFor();
    // deck.gl draws after maplibre's first idle; give SwiftShader a moment without sleeping blind.
    let spread = await colourSpread(canvas);
    for (let i = 0; i < 40 && spread.distinct < 20; i++) {
      await page.waitForTimeout(250);
      spread = await colourSpread(canvas);
    }
    expect(spread.distinct).toBeGreaterThan(20);
    expect(spread.dominantShare).toBeLessThan(0.9);
    await page.screenshot({ path: screenshotPath('operator.png') });
  });
});
