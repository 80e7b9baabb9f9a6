import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SeriesResponse } from '../../protocol';
import { PRINT_PLOT_PX } from '../../client/ui/print-media';
import { launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

/** Figures that follow the chosen area; the catalogue and PAR INDEX are province-wide facts. */
const AREA_TILES = ['online', 'onlineShare', 'onTime', 'late', 'dueSoon', 'payment', 'postal'];
const CHARTS = [
  'online-monthly',
  'online-yearly',
  'online-share',
  'postal-lockdown',
  'covid-daily',
  'ranking',
];
const AREA_CHARTS = CHARTS.filter((c) => c !== 'ranking');
const JAN_SEP = '/kpi?p=2021-01-01..2021-09-30';
/** A4's content box at 96 px per inch: 210 × 297 mm less 12 mm margins each side. */
const PAGE_BOX_PX = { width: (186 / 25.4) * 96, height: (273 / 25.4) * 96 };
// Nine months of calibrated history are backfilled before the server answers (~40–60 s on an idle machine).
const START_MS = 240_000;

async function snapshot(page: Page) {
  await page.getByTestId('chart-online-monthly-summary').waitFor();
  // The due-soon tile has its own, slower request and shows "…" until it answers.
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="review-tile-dueSoon-value"]')?.textContent?.match(/\d/) != null,
  );
  const tiles = await Promise.all(
    AREA_TILES.map((id) => page.getByTestId(`review-tile-${id}-value`).textContent()),
  );
  const summaries = await Promise.all(
    AREA_CHARTS.map(async (id) => {
      await page.getByTestId(`chart-${id}-summary`).waitFor();
      return page.getByTestId(`chart-${id}-summary`).textContent();
    }),
  );
  return { tiles, summaries };
}

/** The first page of the PDF as a PNG for the README, when poppler's pdftoppm is installed (it is optional). */
function savePrintedPage(pdf: string) {
  // The PDF itself stays in test-results (ignored); only the picture goes where screenshots go.
  mkdirSync('test-results', { recursive: true });
  const file = 'test-results/kpi-print.pdf';
  writeFileSync(file, Buffer.from(pdf, 'latin1'));
  const png = screenshotPath('kpi-print.png').replace(/\.png$/, '');
  try {
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, png]);
  } catch {
    // No pdftoppm: the PDF stays in test-results for a look.
  }
}

describe('leaders’ KPI review against npm start', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServerProcess(
      // Speed 0 holds the scenario clock at the start: no live events, so two reads of a series agree.
      {
        SIM_HISTORY_FROM: '2021-01-01T00:00:00+07:00',
        SIM_START: '2021-10-01T08:00:00+07:00',
        SIM_SPEED: '0',
        // About the review's figures, not access (sign-in-server.e2e.ts is); its fetches read without a session.
        READ_ACCESS: 'open',
      },
      undefined,
      START_MS,
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    // Waits, not assertions: on two shared cores a first render of fifteen requests can take a while.
    page.setDefaultTimeout(90_000);
  }, START_MS + 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads with the calibrated history: 77.769 online dossiers in the province, Jan–Sep 2021', async () => {
    await page.goto(`${server.url}${JAN_SEP}`);
    const online = page.getByTestId('review-tile-online-value');
    await online.waitFor();
    expect(await online.textContent()).toBe('77.769');
    expect(await page.getByTestId('review-tile-par-value').textContent()).toBe('86,25\u00a0%');
    // Level 4 on the eligible base (seed: 100 % in 2021), beside the share of every procedure.
    expect(await page.getByTestId('review-tile-level4-value').textContent()).toBe('100,00\u00a0%');
    expect(await page.getByTestId('review-tile-level4All-value').textContent()).toBe('76,40\u00a0%');
    await snapshot(page);
    await page.screenshot({ path: screenshotPath('kpi-review.png'), fullPage: true });
  });

  it('switches every tile and chart to Tân An', async () => {
    const before = await snapshot(page);
    await page.getByTestId('area-select').selectOption('794');
    await page.waitForFunction(
      (charts) => charts.every((id) => document.querySelector(`[data-testid="chart-${id}-summary"]`)),
      AREA_CHARTS,
    );
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid="review-tile-online-value"]')?.textContent !== v,
      before.tiles[0],
    );
    const after = await snapshot(page);
    after.tiles.forEach((v, i) => expect(v, AREA_TILES[i]).not.toBe(before.tiles[i]));
    after.summaries.forEach((v, i) => expect(v, AREA_CHARTS[i]).not.toBe(before.summaries[i]));
    for (const id of AREA_CHARTS)
      expect(await page.getByTestId(`chart-${id}`).getAttribute('data-area'), id).toBe('794');
  });

  it('keeps the whole state in the URL, so the link reproduces the view', async () => {
    await page.getByTestId('compare-select').selectOption('yoy');
    await page.getByTestId('review-tile-online-delta').waitFor();
    const url = page.url();
    expect(new URL(url).searchParams.get('area')).toBe('794');
    expect(new URL(url).searchParams.get('cmp')).toBe('yoy');
    const state = await snapshot(page);
    const other = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    other.setDefaultTimeout(90_000);
    await other.goto(url);
    await other.getByTestId('review-tile-online-delta').waitFor();
    expect(await snapshot(other)).toEqual(state);
    expect(await other.getByTestId('area-select').inputValue()).toBe('794');
    expect(await other.getByTestId('compare-select').inputValue()).toBe('yoy');
    expect(await other.getByTestId('review-scope').textContent()).toBe(
      await page.getByTestId('review-scope').textContent(),
    );
    await other.close();
  });

  it('downloads the series a chart shows as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('chart-online-monthly-csv').click(),
    ]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('t,dossier.online_submitted@794,dossier.online_submitted@80');
    const q = 'metric=dossier.online_submitted&from=2019-01-01&to=2021-11-01&bucket=month';
    const [tanAn, province] = await Promise.all(
      ['794', '80'].map(
        async (a) =>
          (await (await fetch(`${server.url}/api/series?${q}&area=${a}`)).json()) as SeriesResponse,
      ),
    );
    expect(lines.slice(1)).toEqual(
      tanAn!.points.map((p, i) => `${p.t.slice(0, 10)},${p.value},${province!.points[i]!.value}`),
    );
  });

  it('prints on A4: nothing wider than the page, and A4 pages in the PDF', async () => {
    const print = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    print.setDefaultTimeout(90_000);
    await print.goto(`${server.url}${JAN_SEP}`);
    await print.getByTestId('chart-online-monthly-summary').waitFor();
    await print.emulateMedia({ media: 'print' });
    const size = await print.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      toolbar: getComputedStyle(document.querySelector('[data-testid="review-toolbar"]')!).display,
    }));
    // 210 mm at 96 px per inch is 794 px.
    expect(size.scrollWidth).toBeLessThanOrEqual(794);
    expect(size.toolbar).toBe('none');
    const pdf = (await print.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(boxes.length).toBeGreaterThan(1);
    for (const [w, h] of boxes) {
      // A4 is 595.28 × 841.89 points.
      expect(w).toBeCloseTo(595.28, 0);
      expect(h).toBeCloseTo(841.89, 0);
    }
    await print.close();
  });
  // Charts measured on a wide screen used to be printed at their screen width, across their neighbours.
  for (const width of [1920, 1440])
    it(`prints from a ${width} px window: every chart redrawn at its print size, inside its card and page`, async () => {
      const print = await browser.newPage({ viewport: { width, height: 1080 } });
      print.setDefaultTimeout(90_000);
      // Registered before the app's own listener, so it sees the page as it was printed.
      await print.addInitScript(() => {
        const w = window as unknown as { printedWidths: string[][] };
        w.printedWidths = [];
        window.addEventListener('afterprint', () =>
          w.printedWidths.push(
            [...document.querySelectorAll('.review-chart__plot svg.recharts-surface')].map(
              (svg) => svg.getAttribute('width') ?? '',
            ),
          ),
        );
      });
      await print.goto(`${server.url}${JAN_SEP}`);
      await snapshot(print);
      const screenWidths = await print.$$eval('.review-chart__plot svg.recharts-surface', (svgs) =>
        svgs.map((svg) => Number(svg.getAttribute('width'))),
      );
      // A plot per chart, two where a chart is small multiples (a panel per area).
      expect(screenWidths.length).toBeGreaterThanOrEqual(AREA_CHARTS.length);
      expect(Math.min(...screenWidths)).toBeGreaterThan(PRINT_PLOT_PX.width);

      // Chromium's own print path (the Print dialog, page.pdf): beforeprint, print layout, afterprint.
      const pdf = (await print.pdf({ preferCSSPageSize: true })).toString('latin1');
      expect(pdf.match(/\/Type \/Page\b/g)?.length).toBeGreaterThan(1);
      const printed = await print.evaluate(
        () => (window as unknown as { printedWidths: string[][] }).printedWidths,
      );
      expect(printed).toEqual([screenWidths.map(() => String(PRINT_PLOT_PX.width))]);
      if (width === 1920) savePrintedPage(pdf);

      await print.emulateMedia({ media: 'print' });
      // Area, period and time of printing under the title; the page boxes add them and "Trang n/N" to every page.
      expect(await print.getByTestId('print-header').isVisible()).toBe(true);
      expect(await print.getByTestId('print-header').textContent()).toMatch(/^In lúc \d\d:\d\d, /);
      expect(await print.getByTestId('print-page-boxes').textContent()).toContain('counter(pages)');
      const layout = await print.evaluate(() => {
        const review = document.querySelector('[data-testid="kpi-review"]')!.getBoundingClientRect();
        const cards = [...document.querySelectorAll<HTMLElement>('.review-chart')].map((card) => {
          const c = card.getBoundingClientRect();
          const inner = [
            ...card.querySelectorAll('.review-chart__plot, .recharts-wrapper, svg.recharts-surface'),
          ];
          return {
            id: card.dataset.testid,
            left: c.left - review.left,
            right: c.right - review.left,
            height: c.height,
            outside: inner
              .map((e) => e.getBoundingClientRect())
              .filter((r) => r.left < c.left - 0.5 || r.right > c.right + 0.5 || r.bottom > c.bottom + 0.5)
              .length,
          };
        });
        return { width: review.width, cards };
      });
      expect(layout.width).toBeLessThanOrEqual(PAGE_BOX_PX.width + 0.5);
      expect(layout.cards.length).toBe(CHARTS.length);
      for (const card of layout.cards) {
        expect(card.outside, card.id).toBe(0);
        expect(card.left, card.id).toBeGreaterThanOrEqual(-0.5);
        expect(card.right, card.id).toBeLessThanOrEqual(PAGE_BOX_PX.width + 0.5);
        expect(card.height, card.id).toBeLessThanOrEqual(PAGE_BOX_PX.height);
      }
      await print.close();
    });
});
