import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REPLAY_EXPORT_CSV_COLUMNS, REPLAY_EXPORT_TOTAL_HEADER } from '../../protocol';
import { launchBrowser } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

/** Two days of the backfilled history (dossiers and COVID reports; raw sensor readings are kept for 6 hours). */
const FROM = '2021-07-24T00:00:00.000+07:00';
const TO = '2021-07-26T00:00:00.000+07:00';

describe('replay export in Chromium against npm start', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // READ_ACCESS=open: this suite is about the export's file, not access (sign-in-server.e2e.ts is).
    server = await startServerProcess({ READ_ACCESS: 'open' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
    await page.goto(`${server.url}/replay?${new URLSearchParams({ from: FROM, to: TO })}`);
    await page
      .locator('[data-testid="replay-clock"][data-ms]:not([data-ms=""])')
      .waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('saves the range as CSV with every event the server counted', async () => {
    const head = await fetch(
      `${server.url}/api/replay/export?${new URLSearchParams({ from: FROM, to: TO, format: 'csv' })}`,
    );
    const total = Number(head.headers.get(REPLAY_EXPORT_TOTAL_HEADER));
    await head.body?.cancel();
    expect(total).toBeGreaterThan(100);

    await page.getByTestId('replay-export-format').selectOption('csv');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('replay-export-start').click(),
    ]);
    expect(download.suggestedFilename()).toBe('ioc-events_20210724-0000_20210726-0000.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe(REPLAY_EXPORT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(total + 1);
    const status = page.getByTestId('replay-export-status');
    await status.waitFor();
    expect(await status.textContent()).toBe(
      `Đã lưu ioc-events_20210724-0000_20210726-0000.csv (${total.toLocaleString('vi-VN')} sự kiện)`,
    );
  });
});
