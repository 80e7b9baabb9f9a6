import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

const LOCKDOWN = '2021-07-26T08:00';
const LOCKDOWN_MS = Date.parse(`${LOCKDOWN}:00+07:00`);
const TILES = '[data-testid^="kpi-"][data-testid$="-value"]';

async function clockMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('replay-clock').getAttribute('data-ms'));
}
const tileValues = (page: Page) => page.locator(TILES).allTextContents();

/**
 * Level 4 reached in three districts on 31 July (the day's official report, as `npm run import:covid` would post a
 * corrected one): one group alarm after the test's cursor. Posted once the cursor is in the lockdown, so the
 * replay's first steps fold the log as it was. Under the alarm management the lockdown weeks raise few
 * alarms (the districts' epidemic levels join one group alarm a week, sensors only report from 1 August), so
 * without it the next alarm after the cursor is a sensor dropout in the first minutes of the sensors' history.
 */
async function postWaveReports(server: ServerProcess): Promise<void> {
  const token = readFileSync(path.join(server.dataDir, 'ingest-token'), 'utf8').trim();
  const events = ['794', '795', '796'].map((area) => ({
    v: 1,
    id: `e2e-replay-wave:${area}:2021-07-31`,
    source: 'csv-import',
    area,
    tsMs: Date.parse('2021-07-31T17:00:00+07:00'),
    stream: 'covid',
    date: '2021-07-31',
    newCases: 400,
    recovered: 10,
    deaths: 2,
    vaccineDoses: 1000,
    epidemicLevel: 4,
  }));
  const res = await fetch(`${server.url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  const body = (await res.json()) as { results: { status: string }[] };
  expect(body.results.map((r) => r.status)).toEqual(events.map(() => 'accepted'));
}

describe('analyst replay against npm start', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // History from mid-July: Long An's Directive 16 lockdown began on 19 July 2021.
    // READ_ACCESS=open: this suite is about replay, not access (sign-in-server.e2e.ts is).
    server = await startServerProcess({
      SIM_HISTORY_FROM: '2021-07-15T00:00:00+07:00',
      READ_ACCESS: 'open',
    });
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
    // The timeline's density is fetched after the first seek has painted (a link paints first): wait for it.
    await page.getByTestId('replay-density').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('replay-density').count()).toBe(1);
    // The map draws the set valid in July 2021: Long An's districts and Tân An's 2021 wards.
    await page.locator('[data-testid="map-area-set"][data-set="longan-2021"]').waitFor();
    expect(await page.getByTestId('ward-picker').locator('option').count()).toBe(15);
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
    await postWaveReports(server);
    const before = await clockMs(page);
    await page.getByTestId('replay-next-alert').click();
    await page.locator('.replay-alert--current').waitFor({ timeout: 60_000 });
    await page.getByTestId('replay-play').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="replay-play"]')?.getAttribute('aria-pressed') === 'false',
    );
    const at = await clockMs(page);
    expect(at).toBeGreaterThan(before);

    // Area and scene: drill into Phường 1 of Tân An, colour by COVID cases, hide the sensor sites.
    await page.getByTestId('ward-picker').selectOption('27694');
    await page.getByTestId('kpi-column-area-27694').waitFor();
    await page.getByRole('button', { name: 'Ca COVID-19 cộng dồn' }).click();
    await page.getByTestId('map-sensors-toggle').uncheck();
    // A bookmark at the cursor: B, a note, Enter.
    await page.keyboard.press('b');
    await page.getByTestId('replay-bookmark-note').fill('Cảnh báo đầu tiên sau khi phong toả');
    await page.keyboard.press('Enter');
    await page.getByTestId('replay-bookmark-marker').waitFor();
    expect(await page.getByTestId('replay-bookmark').getAttribute('data-at-ms')).toBe(String(at));
    await page.waitForTimeout(1000); // the map redraws with the new colouring
    await page.screenshot({ path: screenshotPath('replay.png') });
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
    expect(await second.getByTestId('ward-picker').inputValue()).toBe('27694');
    expect(await second.getByTestId('kpi-area-27694-online-today-age').textContent()).toBe(
      'Không có dữ liệu cấp phường',
    );
    expect(
      await second.getByRole('button', { name: 'Ca COVID-19 cộng dồn' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await second.getByTestId('map-sensors-toggle').isChecked()).toBe(false);
    expect(await second.getByTestId('replay-state').textContent()).toBe('Tạm dừng');
    await second.close();

    // A link copied while playing opens playing.
    const third = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await third.goto(`${link}&playing=1`);
    await third.waitForFunction(
      () => document.querySelector('[data-testid="replay-play"]')?.getAttribute('aria-pressed') === 'true',
      undefined,
      { timeout: 30_000 },
    );
    await third.close();
  });
});
