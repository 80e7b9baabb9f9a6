import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SENSOR_SITES } from '../../geo';
import type { LoggedEvent, SeriesResponse } from '../../protocol';
import type { KpiSnapshot } from '../../protocol';
import { launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

/** 08:05 on a Monday of the lockdown: a morning, when "today so far" against all of yesterday reads as a fall. */
const START = '2021-08-02T08:05:00+07:00';
const START_MS = Date.parse(START);
const DAY_MS = 86_400_000;
/**
 * The water-level alarm lowered far under the river's usual level (built in: 1,60 m warning, 1,80 m alarm), raised
 * and cleared on one reading and one alarm per site (no on-delay, no grouping), so that one posted batch moves
 * the site's status and its alarm together and each screen can be checked against the others batch by batch.
 */
const RULES = {
  version: 1,
  sensorThresholds: { water_level: { warning: 0.5, alarm: 0.6 } },
  alarms: {
    sensors: { water_level: { onDelay: { readings: 1 }, offDelay: { readings: 1 } } },
    groupWindowMin: 0,
  },
};
const WATER = SENSOR_SITES.filter((s) => s.kind === 'water_level');

const fmt = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const getJson = async <T>(url: string): Promise<T> => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

/** The wall's and the console's data-seq reach `seq`: each shows the state after that batch. */
async function waitForSeq(page: Page, testId: string, seq: number): Promise<void> {
  await page.waitForFunction(
    ([id, s]) => Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-seq')) >= s,
    [testId, seq] as const,
    { timeout: 30_000 },
  );
}

/** What the wall shows of sensor alarms at one instant: the legend's count and the tile, with their seq. */
const wallAlarms = (page: Page) =>
  page.evaluate(() => ({
    seq: Number(document.querySelector('[data-testid="wall"]')?.getAttribute('data-seq')),
    legend: document.querySelector('[data-testid="legend-status-alarm"]')?.textContent ?? '',
    tile: document.querySelector('[data-testid="wall-tile-sensorAlarms-value"]')?.textContent ?? '',
  }));

/** The console's active critical threshold alerts (raised, not cleared), with its seq. */
const consoleAlarms = (page: Page) =>
  page.evaluate(() => ({
    seq: Number(document.querySelector('[data-testid="console"]')?.getAttribute('data-seq')),
    active: document.querySelectorAll(
      '[data-testid="handover-list"] [data-testid="console-alert"][data-alert-id^="sensor:"][data-severity="critical"][data-cleared="false"]',
    ).length,
  }));

describe('every screen shows the same figure, compared fairly, against npm start', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ioc-e2e-figures-'));
    writeFileSync(path.join(dataDir, 'alert-rules.json'), JSON.stringify(RULES));
    server = await startServerProcess(
      {
        // Two complete months before the partial one, for the monthly charts.
        SIM_HISTORY_FROM: '2021-06-01T00:00:00+07:00',
        SIM_START: START,
        // Speed 0 holds the scenario clock at 08:05: the only batches are the ones this file posts.
        SIM_SPEED: '0',
        // About the figures, not access (sign-in-server.e2e.ts is); its fetches read without a session.
        READ_ACCESS: 'open',
      },
      dataDir,
      150_000,
    );
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('compares today so far at 08:05 with yesterday up to 08:05, not with all of yesterday', async () => {
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    wall.setDefaultTimeout(60_000);
    await wall.goto(`${server.url}/wall?scene=province&paused=1&chime=0&lang=vi`);
    const delta = wall.getByTestId('wall-tile-onlineToday-delta');
    await delta.waitFor();
    const text = (await delta.textContent()) ?? '';
    expect(text).toMatch(/so với cùng giờ hôm qua \(đến 08:05\)/);

    // The province's online submissions, counted from the log itself over the two spans.
    const online = async (fromMs: number, toMs: number) => {
      const q = new URLSearchParams({
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        stream: 'dossier',
      });
      const body = await (await fetch(`${server.url}/api/events?${q}`)).text();
      return body
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LoggedEvent)
        .filter((e) => e.stream === 'dossier' && e.action === 'submitted' && e.channel === 'online').length;
    };
    const midnight = Date.parse('2021-08-02T00:00:00+07:00');
    const today = await online(midnight, START_MS);
    const yesterdaySoFar = await online(midnight - DAY_MS, START_MS - DAY_MS);
    const series = await getJson<SeriesResponse>(
      `${server.url}/api/series?metric=dossier.online_submitted&area=80&from=2021-08-01&to=2021-08-03&bucket=day`,
    );
    const [yesterday, todaySeries] = series.points;
    expect(todaySeries!.complete).toBe(false);
    expect(todaySeries!.value).toBe(today);
    // The unfair comparison would be today against the whole of yesterday: far more, a fall every morning.
    expect(yesterday!.value!).toBeGreaterThan(yesterdaySoFar);

    const d = today - yesterdaySoFar;
    const arrow = d > 0 ? '▲' : d < 0 ? '▼' : '＝';
    expect(
      text.startsWith(`${arrow} ${fmt(Math.abs(d))} so với`),
      `${text} against ${today} − ${yesterdaySoFar}`,
    ).toBe(true);
    expect(await wall.getByTestId('wall-tile-onlineToday-value').textContent()).toBe(fmt(today));
    await wall.screenshot({ path: screenshotPath('figures-agree-today.png') });
    await wall.close();
  });

  it('reads the current year on /kpi "đến 02/08", its partial month dashed, neither 0 nor a jump', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(90_000);
    await page.goto(`${server.url}/kpi?lang=vi`);
    await page.getByTestId('chart-online-monthly-summary').waitFor();
    await page.getByTestId('chart-online-share-summary').waitFor();
    const scope = page.getByTestId('review-scope');
    expect(await scope.getAttribute('data-complete')).toBe('false');
    expect(await scope.textContent()).toMatch(/01\/01\/2021 – đến 02\/08/);

    const monthly = async (metric: string) =>
      (
        await getJson<SeriesResponse>(
          `${server.url}/api/series?metric=${metric}&area=80&from=2021-06-01&to=2021-09-01&bucket=month`,
        )
      ).points;
    const daily = async (metric: string) =>
      (
        await getJson<SeriesResponse>(
          `${server.url}/api/series?metric=${metric}&area=80&from=2021-07-19&to=2021-08-03&bucket=day`,
        )
      ).points.map((p) => p.value ?? 0);
    const [jun, jul, aug] = await monthly('dossier.online_submitted');
    expect([jun!.complete, jul!.complete, aug!.complete]).toEqual([true, true, false]);
    // August to date: its two days so far summed, not 0 and not a projection of a month from them.
    const onlineDays = await daily('dossier.online_submitted');
    const submittedDays = await daily('dossier.submitted');
    expect(aug!.value).toBe(onlineDays.at(-2)! + onlineDays.at(-1)!);
    expect(aug!.value!).toBeGreaterThan(0);
    // The share to date is the ratio of its sums, and lies among the shares of the lockdown's own days
    // (the days since 19/07): no spike out of a few hours' figures.
    const [, , shareAug] = await monthly('dossier.online_share');
    expect(shareAug!.complete).toBe(false);
    expect(shareAug!.value).toBeCloseTo(aug!.value! / (submittedDays.at(-2)! + submittedDays.at(-1)!), 12);
    const shares = onlineDays.map((n, i) => n / submittedDays[i]!);
    expect(shareAug!.value!).toBeGreaterThanOrEqual(Math.min(...shares));
    expect(shareAug!.value!).toBeLessThanOrEqual(Math.max(...shares));

    // The partial month is its own dashed segment on both charts, and says "to date" in the summary.
    for (const id of ['online-monthly', 'online-share']) {
      const chart = page.getByTestId(`chart-${id}`);
      expect(await chart.locator('path.recharts-line-curve[stroke-dasharray="6 4"]').count(), id).toBe(2);
    }
    expect(await page.getByTestId('chart-online-share-summary').textContent()).toMatch(
      /08\/2021 \(đến 02\/08, chưa trọn kỳ\)/,
    );
    await page.getByTestId('chart-online-monthly').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('figures-agree-kpi.png'), fullPage: true });
    await page.close();
  });
  // Last: its critical alerts take the wall over, and a wall in takeover shows no scene of the others.
  it('counts the same sites in alarm on the map legend, the wall tile and the console, batch by batch', async () => {
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    wall.setDefaultTimeout(60_000);
    await wall.goto(`${server.url}/wall?scene=environment&paused=1&chime=0&lang=vi`);
    await wall.locator('[data-testid="wall-connection"][data-state="live"]').waitFor();
    await wall.getByTestId('legend-status-alarm').waitFor();
    const desk = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    desk.setDefaultTimeout(60_000);
    await desk.goto(`${server.url}/console?lang=vi`);
    await desk.getByTestId('handover-list').waitFor();

    const expectAgree = async (seq: number) => {
      await waitForSeq(wall, 'wall', seq);
      await waitForSeq(desk, 'console', seq);
      const [w, c, kpis] = await Promise.all([
        wallAlarms(wall),
        consoleAlarms(desk),
        getJson<KpiSnapshot>(`${server.url}/api/kpis?area=80`),
      ]);
      // Nothing else is logged at speed 0: all three read the state after the same batch.
      expect([w.seq, c.seq, kpis.seq]).toEqual([seq, seq, seq]);
      expect(w.legend).toBe(`Báo động: ${c.active}`);
      expect(w.tile).toBe(fmt(c.active));
      expect(kpis.sensors.alarm).toBe(c.active);
      return c.active;
    };

    // The rules file is put in force after the backfill (history is folded under the rules it was recorded
    // with): its lowered alarm applies from each gauge's next reading.
    const { lastSeq } = await getJson<{ lastSeq: number }>(`${server.url}/api/health`);
    const before = await expectAgree(lastSeq);

    const token = readFileSync(path.join(dataDir, 'ingest-token'), 'utf8').trim();
    let batch = 0;
    /** Posts one batch of water-level readings, at the scenario's 08:05; the seq of its last event. */
    const post = async (values: readonly (readonly [site: (typeof WATER)[number], value: number])[]) => {
      batch++;
      const events = values.map(([site, value]) => ({
        v: 1,
        id: `e2e-figures:${batch}:${site.siteId}`,
        source: 'e2e',
        area: site.area,
        tsMs: START_MS,
        stream: 'sensor',
        siteId: site.siteId,
        kind: 'water_level',
        value,
        unit: 'm',
        lonLat: site.lonLat,
      }));
      const res = await fetch(`${server.url}/api/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      const report = (await res.json()) as { accepted: number; results: { seq?: number }[] };
      expect(report.accepted, JSON.stringify(report)).toBe(events.length);
      return Math.max(...report.results.map((r) => r.seq ?? 0));
    };

    // 0,95 m is under the built-in warning (1,60 m) and over the lowered alarm; 0,55 m between the lowered lines.
    const raised = await expectAgree(
      await post([...WATER.slice(0, 5).map((s) => [s, 0.95] as const), [WATER[5]!, 0.55]]),
    );
    expect(raised).toBe(before + 5);
    await wall.screenshot({ path: screenshotPath('figures-agree-alarms.png') });
    // Two of them back under the lowered warning: their alarms clear, in every view with the same batch.
    expect(await expectAgree(await post(WATER.slice(0, 2).map((s) => [s, 0.3] as const)))).toBe(raised - 2);
    await wall.close();
    await desk.close();
  });
});
