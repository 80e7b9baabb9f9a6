import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { colourSpread, launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

describe('public page on a phone', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const scripts: string[] = [];

  beforeAll(async () => {
    // Five days of history: enough figures and dossiers, and a start-up short enough for this test.
    server = await startServerProcess({ SIM_HISTORY_FROM: '2021-07-27T00:00:00+07:00' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}/public`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the public-service figures and the time of the last update', async () => {
    const year = page.getByTestId('public-online-year');
    await year.waitFor({ timeout: 30_000 });
    // The seeded history from 20 July holds thousands of online dossiers, in Vietnamese digit grouping.
    expect(await year.textContent()).toMatch(/^\d{1,3}(\.\d{3})+$/);
    expect(await page.getByTestId('public-on-time').textContent()).toMatch(/^\d{2},\d{2}\s%$/);
    expect(await page.getByTestId('public-updated').textContent()).toMatch(/Cập nhật lúc \d{2}:\d{2}/);
    expect(await page.getByTestId('public-covid-table').locator('tbody tr').count()).toBe(15);
  });

  it('draws the epidemic-level map, not a blank canvas', async () => {
    const map = page.getByTestId('public-map');
    // On a phone the map sits below the figures: measured where a citizen sees it, scrolled into view.
    await map.scrollIntoViewIfNeeded();
    let spread = await colourSpread(map);
    // Wait for what the assertions ask, not less: labels alone give ten colours before the districts fill.
    const drawn = () => spread.distinct > 10 && spread.dominantShare < 0.9;
    for (let i = 0; i < 40 && !drawn(); i++) {
      await page.waitForTimeout(250);
      spread = await colourSpread(map);
    }
    expect(spread.distinct).toBeGreaterThan(10);
    expect(spread.dominantShare).toBeLessThan(0.9);
  });

  it('looks a dossier up by its code and shows its timeline', async () => {
    const db = new Database(path.join(server.dataDir, 'events.sqlite'), { readonly: true });
    const row = db
      .prepare("SELECT id FROM events WHERE stream = 'dossier' AND id LIKE '%:resolved' ORDER BY seq LIMIT 1")
      .get() as { id: string };
    db.close();
    const code = row.id.replace(/:resolved$/, '');
    await page.getByTestId('dossier-code-input').fill(code.toLowerCase());
    await page.getByTestId('dossier-submit').click();
    const timeline = page.getByTestId('dossier-timeline');
    await timeline.waitFor();
    const steps = await timeline
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    expect(steps.slice(0, 2)).toEqual(['received', 'in_progress']);
    expect(steps).toContain('resolved');
    expect(await page.getByTestId('dossier-status').textContent()).toMatch(/^Đã giải quyết/);
    await page.screenshot({ path: screenshotPath('public-mobile.png'), fullPage: true });
  });

  it('says so when no dossier has the code', async () => {
    await page.getByTestId('dossier-code-input').fill('000.00.39.H38-210801-9999');
    await page.getByTestId('dossier-submit').click();
    const msg = page.getByTestId('lookup-not_found');
    await msg.waitFor();
    expect(await msg.textContent()).toContain('Không tìm thấy hồ sơ có mã 000.00.39.H38-210801-9999');
  });

  it('is its own page, rendered with Preact: the SPA not loaded, no script error', () => {
    expect(scripts[0]).toMatch(/^\/assets-public\/public-[\w-]+\.js$/);
    expect(scripts.filter((s) => !s.startsWith('/assets-public/'))).toEqual([]);
    // The map came (drawn above) as a chunk of its own, after the page's.
    expect(scripts.some((s) => /\/PublicMap-[\w-]+\.js$/.test(s))).toBe(true);
    // The QR scanner comes only when a citizen opens the camera, which this visit never did.
    expect(scripts.filter((s) => s.includes('qr-scanner'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('switches to English and back: the stores re-render the page under Preact', async () => {
    const title = page.getByRole('heading', { level: 1 });
    await page.getByTestId('locale-switch').getByRole('button', { name: 'EN' }).click();
    await page.waitForFunction(() =>
      document.querySelector('h1')?.textContent?.startsWith('Public information'),
    );
    expect(await title.textContent()).toBe('Public information — Long An province');
    await page.getByTestId('locale-switch').getByRole('button', { name: 'VI' }).click();
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Thông tin'));
    expect(await title.textContent()).toBe('Thông tin công khai tỉnh Long An');
  });
});
