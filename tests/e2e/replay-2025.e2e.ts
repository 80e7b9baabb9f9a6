import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { AREAS_2021, TAN_AN_WARDS_2021 } from '../../geo/areas';
import { polygonContains, polygonsOf, representativePoint } from '../../geo/ring';
import type { AreaFeatureCollection, AreaGeometry } from '../../protocol';
import { launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

const AFTER_REFORM = '2025-08-01T08:00';
const AFTER_REFORM_MS = Date.parse(`${AFTER_REFORM}:00+07:00`);
/** The map's background and the neighbouring provinces' fill (client/map): what an undrawn unit shows. */
const UNDRAWN: [number, number, number][] = [
  [10, 19, 29],
  [22, 32, 44],
];

type Placed = { id: string }[];

/** A point well inside a unit: the centre of the largest square of a 20 × 20 grid over its box that it holds. */
function innerPoint(geometry: AreaGeometry): [number, number] {
  const pts = polygonsOf(geometry).flat(2);
  const [w, e] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  const [s, n] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  const inside = (p: [number, number]) => polygonsOf(geometry).some((poly) => polygonContains(poly, p));
  let best: { p: [number, number]; depth: number } | null = null;
  for (let i = 1; i < 20; i++)
    for (let j = 1; j < 20; j++) {
      const p: [number, number] = [w + ((e - w) * i) / 20, s + ((n - s) * j) / 20];
      if (!inside(p)) continue;
      // Depth: how many of the eight neighbours one step away are inside too.
      let depth = 0;
      for (const [di, dj] of [
        [-1, -1],
        [-1, 0],
        [-1, 1],
        [0, -1],
        [0, 1],
        [1, -1],
        [1, 0],
        [1, 1],
      ] as const)
        if (inside([p[0] + ((e - w) * di) / 20, p[1] + ((n - s) * dj) / 20])) depth++;
      if (!best || depth > best.depth) best = { p, depth };
    }
  return best?.p ?? (representativePoint(geometry) as [number, number]);
}

/** The commonest colour of the 7 × 7 px around `at`, so a label's stroke or a boundary line does not decide. */
function colourAround(png: PNG, at: { x: number; y: number }): [number, number, number] {
  const counts = new Map<string, number>();
  for (let dx = -3; dx <= 3; dx++)
    for (let dy = -3; dy <= 3; dy++) {
      const x = Math.round(at.x + dx);
      const y = Math.round(at.y + dy);
      if (x < 0 || y < 0 || x >= png.width || y >= png.height) continue;
      const i = (y * png.width + x) * 4;
      const key = [png.data[i], png.data[i + 1], png.data[i + 2]].join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return top![0].split(',').map(Number) as [number, number, number];
}

const near = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 6);

describe('replay after 01/07/2025 (issue 17)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let later: AreaFeatureCollection;

  beforeAll(async () => {
    // The simulator's history ends at its clock in 2021: years before the replayed instant.
    server = await startServerProcess({ READ_ACCESS: 'open' });
    later = (await (
      await fetch(`${server.url}/api/areas?at=${encodeURIComponent(`${AFTER_REFORM}:00+07:00`)}`)
    ).json()) as AreaFeatureCollection;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/replay`);
    await page
      .locator('[data-testid="replay-clock"][data-ms]:not([data-ms=""])')
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('replay-goto').fill(AFTER_REFORM);
    await page.getByTestId('replay-goto-submit').click();
    await page.waitForFunction(
      (ms) => document.querySelector('[data-testid="replay-clock"]')?.getAttribute('data-ms') === String(ms),
      AFTER_REFORM_MS,
    );
    await page.locator(`[data-testid="map-area-set"][data-set="${later.name}"]`).waitFor({ timeout: 30_000 });
    // Sites drawn on top of a unit would decide its sampled colour: hide them for this suite.
    await page.getByTestId('map-sensors-toggle').uncheck();
    await page.waitForTimeout(1500); // maplibre and deck.gl draw the new set
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws every unit of the former province, and says the set is schematic', async () => {
    const top = later.features.find((f) => f.properties.parent === null)!;
    const units = later.features.filter((f) => f.properties.parent === top.properties.code);
    expect(units.length).toBeGreaterThanOrEqual(17);
    const note = page.getByTestId('map-area-set');
    expect(await note.getAttribute('data-schematic')).toBe('all');
    expect(await note.textContent()).toMatch(/sơ đồ minh hoạ/i);

    const gl = page.locator('.map-canvas__gl');
    const box = (await gl.boundingBox())!;
    const png = PNG.sync.read(await page.screenshot({ clip: box }));
    await page.screenshot({ path: screenshotPath('replay-2025.png') });
    const blank: string[] = [];
    for (const f of units) {
      const lonLat = innerPoint(f.geometry as AreaGeometry);
      const at = await gl.evaluate(
        (el, p) =>
          (el as HTMLElement & { iocProject: (l: number[]) => { x: number; y: number } }).iocProject(p),
        lonLat,
      );
      const colour = colourAround(png, at);
      if (UNDRAWN.some((u) => near(colour, u))) blank.push(`${f.properties.code} ${f.properties.name}`);
    }
    expect(blank).toEqual([]);
    // The check itself tells drawn from undrawn: a point of Cambodia, in the notch of the
    // northern border between Vĩnh Hưng and Đức Hòa, reads undrawn.
    const outside = await gl.evaluate(
      (el, p) =>
        (el as HTMLElement & { iocProject: (l: number[]) => { x: number; y: number } }).iocProject(p),
      [106.0, 10.97],
    );
    const colour = colourAround(png, outside);
    expect(
      UNDRAWN.some((u) => near(colour, u)),
      colour.join(','),
    ).toBe(true);
  });

  it('labels the 2025 units, never a 2021 district or ward that the reform ended', async () => {
    const placed = JSON.parse(
      (await page.getByTestId('map-canvas').getAttribute('data-labels')) ?? '[]',
    ) as Placed;
    expect(placed.length).toBeGreaterThanOrEqual(10);
    const drawn = new Set(later.features.map((f) => f.properties.code));
    const ended = [...AREAS_2021, ...TAN_AN_WARDS_2021].filter((a) => !drawn.has(a.code)).map((a) => a.code);
    expect(ended).toContain('794');
    for (const { id } of placed) {
      expect(drawn.has(id), id).toBe(true);
      expect(ended).not.toContain(id);
    }
    // A 2021 code kept by the 2025 set is labelled with its 2025 name ("… (cũ)"), the name the map draws.
    const kept = later.features.filter((f) => AREAS_2021.some((a) => a.code === f.properties.code));
    for (const f of kept) expect(f.properties.name, f.properties.code).toMatch(/\(cũ\)$/);
  });

  it('says the tiles have no data at this instant instead of "updated N days ago"', async () => {
    const ages = await page.locator('[data-testid^="kpi-province-"][data-testid$="-age"]').allTextContents();
    expect(ages.length).toBeGreaterThanOrEqual(5);
    for (const age of ages) {
      expect(age).not.toMatch(/ngày trước/);
      expect(age).toContain('không có dữ liệu tại thời điểm này');
    }
    // A figure of 2021 is not shown as the figure of 2025.
    const covid = await page.getByTestId('kpi-province-covid-new-cases-value').textContent();
    expect(covid).toBe('—');
  });
});
