import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AreaFeatureCollection, SiteAreasResponse } from '../../protocol';
import { SENSOR_SITES } from '../../geo';
import { pilotShapes } from '../../client/map/pilot-shapes';
import type { AreasCollection } from '../../client/net/api';
import { colourSpread, launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

const OFFICIAL_KM2 = 4494.79;
type Box = [number, number, number, number];
type Placed = { id: string; box: Box }[];

const labelsOf = async (page: Page): Promise<Placed> =>
  JSON.parse((await page.getByTestId('map-canvas').getAttribute('data-labels')) ?? '[]') as Placed;
const viewOf = async (page: Page): Promise<[[number, number], [number, number]]> =>
  JSON.parse((await page.getByTestId('map-canvas').getAttribute('data-view-bounds')) ?? 'null');
const movesOf = async (page: Page) =>
  Number(await page.getByTestId('map-canvas').getAttribute('data-camera-moves'));

/** Waits for the camera to settle after `moves` (a flight ends with one more moveend). */
async function settledAfter(page: Page, moves: number) {
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid="map-canvas"]')?.getAttribute('data-camera-moves')) > n,
    moves,
    { timeout: 20_000 },
  );
  await page.waitForTimeout(300);
}

function bboxOf(f: AreaFeatureCollection['features'][number]): Box {
  const pts = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2);
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** Pixel of `[lon, lat]` in a Web Mercator view showing `view` ([[w, s], [e, n]]) over `width` × `height` px. */
function pixelOf(
  [lon, lat]: [number, number],
  view: [[number, number], [number, number]],
  width: number,
  height: number,
) {
  const y = (la: number) => Math.log(Math.tan(Math.PI / 4 + (la * Math.PI) / 360));
  const [[w, s], [e, n]] = view;
  return { x: ((lon - w) / (e - w)) * width, y: ((y(n) - y(lat)) / (y(n) - y(s))) * height };
}

/** A point of the unit as far as possible from every sensor site, so a click there hits the unit, not a site. */
function clearPointIn(f: AreaFeatureCollection['features'][number]): [number, number] {
  const [w, s, e, n] = bboxOf(f);
  let best: { p: [number, number]; d: number } = { p: [w, s], d: -1 };
  for (let i = 1; i < 40; i++)
    for (let j = 1; j < 40; j++) {
      const p: [number, number] = [w + ((e - w) * i) / 40, s + ((n - s) * j) / 40];
      if (!booleanPointInPolygon(p, f.geometry)) continue;
      const d = Math.min(...SENSOR_SITES.map((x) => Math.hypot(x.lonLat[0] - p[0], x.lonLat[1] - p[1])));
      if (d > best.d) best = { p, d };
    }
  return best.p;
}

async function openMap(page: Page, url: string) {
  await page.goto(url);
  await page.getByTestId('map-area-set').waitFor({ timeout: 90_000 });
  await page.locator('[data-testid="map-canvas"][data-view-bounds]').waitFor({ timeout: 90_000 });
  await page.waitForFunction(
    () =>
      (document.querySelector('[data-testid="map-canvas"]')?.getAttribute('data-labels') ?? '[]') !== '[]',
    undefined,
    { timeout: 90_000 },
  );
}

describe('the real province on the operator map', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let areas: AreaFeatureCollection;

  beforeAll(async () => {
    server = await startServerProcess({ READ_ACCESS: 'open' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    areas = (await (await fetch(`${server.url}/api/areas`)).json()) as AreaFeatureCollection;
    await openMap(page, `${server.url}/?area=807`);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the real outline, its area within 2 % of the official figure, with its attribution', async () => {
    const province = areas.features.find((f) => f.properties.code === '80')!;
    expect(province.properties.schematic).toBe(false);
    expect(Math.abs(turfArea(province.geometry) / 1e6 / OFFICIAL_KM2 - 1)).toBeLessThan(0.02);
    const attribution = await page.getByTestId('map-attribution').textContent();
    expect(attribution).toContain(
      'geoBoundaries (Runfola et al. 2020), OCHA ROAP / Chính phủ Việt Nam, CC BY 3.0 IGO',
    );
    const note = page.getByTestId('map-area-set');
    expect(await note.getAttribute('data-schematic')).toBe('part');
    expect(await note.textContent()).toContain('Phường, xã của Tân An: sơ đồ minh hoạ');
    const spread = await colourSpread(page.getByTestId('map-canvas'));
    expect(spread.dominantShare).toBeLessThan(0.9);
    await page.screenshot({ path: screenshotPath('map-real-province.png'), timeout: 90_000 });
  }, 120_000);

  it('draws the whole former province after 01/07/2025, schematic and labelled', async () => {
    const later = (await (
      await fetch(`${server.url}/api/areas?at=2025-08-01T08:00:00%2B07:00`)
    ).json()) as AreaFeatureCollection;
    const top = later.features.find((f) => f.properties.parent === null)!;
    const children = later.features.filter((f) => f.properties.parent === top.properties.code);
    expect(children).toHaveLength(17);
    const km2 = children.reduce((s, f) => s + turfArea(f.geometry), 0) / 1e6;
    expect(Math.abs(km2 / OFFICIAL_KM2 - 1)).toBeLessThan(0.02);
    expect(later.features.every((f) => f.properties.schematic)).toBe(true);
  });

  it('never draws two labels over each other at 1080p', async () => {
    const placed = await labelsOf(page);
    expect(placed.length).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const [a, b] = [placed[i]!.box, placed[j]!.box];
        const overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        expect(overlap, `${placed[i]!.id} × ${placed[j]!.id}`).toBe(false);
      }
  });

  it('drills down on a click and frames the district; Escape goes back to the province', async () => {
    const target = '796'; // Tân Hưng: a large district in the west, away from the crowded east
    const canvas = (await page.getByTestId('map-canvas').boundingBox())!;
    const before = await movesOf(page);
    const feature = areas.features.find((f) => f.properties.code === target)!;
    const at = pixelOf(clearPointIn(feature), await viewOf(page), canvas.width, canvas.height);
    await page.mouse.click(canvas.x + at.x, canvas.y + at.y);
    await page.waitForFunction(
      (code) =>
        (document.querySelector('[data-testid="area-picker"]') as HTMLSelectElement | null)?.value === code,
      target,
    );
    await settledAfter(page, before);
    const district = bboxOf(areas.features.find((f) => f.properties.code === target)!);
    const province = bboxOf(areas.features.find((f) => f.properties.code === '80')!);
    const [[w, s], [e, n]] = await viewOf(page);
    // Framed: the district is in view and fills much of it; the province no longer fits.
    expect(w).toBeLessThanOrEqual(district[0] + 1e-6);
    expect(e).toBeGreaterThanOrEqual(district[2] - 1e-6);
    expect(s).toBeLessThanOrEqual(district[1] + 1e-6);
    expect(n).toBeGreaterThanOrEqual(district[3] - 1e-6);
    expect(e - w).toBeLessThan((province[2] - province[0]) * 0.6);
    expect(new URL(page.url()).searchParams.get('area')).toBe(target);
    await page.screenshot({ path: screenshotPath('map-drilled-district.png'), timeout: 90_000 });

    const framed = await movesOf(page);
    await page.keyboard.press('Escape');
    await settledAfter(page, framed);
    const [[w2], [e2]] = await viewOf(page);
    expect(w2).toBeLessThanOrEqual(province[0] + 1e-6);
    expect(e2).toBeGreaterThanOrEqual(province[2] - 1e-6);
  }, 120_000);

  it('draws a chosen pilot unit as its schematic cell inside its district, framed and highlighted', async () => {
    const cell = pilotShapes(areas as AreasCollection).cells.find((f) => f.properties.code === '99102')!;
    const before = await movesOf(page);
    await page.getByTestId('area-picker').selectOption('99102');
    await settledAfter(page, before);
    await expect
      .poll(() => page.getByTestId('map-canvas').getAttribute('data-highlight'), { timeout: 10_000 })
      .toBe('99102');
    const [[w, s], [e, n]] = await viewOf(page);
    const [cw, cs, ce, cn] = bboxOf(cell as unknown as AreaFeatureCollection['features'][number]);
    expect(w).toBeLessThanOrEqual(cw);
    expect(e).toBeGreaterThanOrEqual(ce);
    expect(s).toBeLessThanOrEqual(cs);
    expect(n).toBeGreaterThanOrEqual(cn);
    // Framed close: the cell with its surroundings, not the province.
    const province = bboxOf(areas.features.find((f) => f.properties.code === '80')!);
    expect(e - w).toBeLessThan((province[2] - province[0]) * 0.3);
    await expect.poll(() => page.getByTestId('map-pilot-note').textContent()).toMatch(/sơ đồ minh hoạ/);
    const labels = await labelsOf(page);
    expect(labels.map((l) => l.id)).toContain('99102');
    await page.screenshot({ path: screenshotPath('map-pilot-unit.png'), timeout: 90_000 });
  }, 120_000);
});

describe('after importing official boundaries', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let importOutput: string;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ioc-e2e-official-'));
    // An "official" file: the districts with their codes, no wards, and Cần Giuộc left out, so that its sites
    // lie in no unit of the set and must be listed and drawn as outside.
    const bundled = JSON.parse(
      readFileSync('geo/data/longan-2021.geo.json', 'utf8'),
    ) as AreaFeatureCollection;
    const official = {
      type: 'FeatureCollection',
      features: bundled.features
        .filter((f) => f.properties.parent === '80' && f.properties.code !== '807')
        .map((f) => ({
          type: 'Feature',
          properties: { code: f.properties.code, name: f.properties.name },
          geometry: f.geometry,
        })),
    };
    const file = path.join(dir, 'official.geojson');
    writeFileSync(file, JSON.stringify(official));
    importOutput = execFileSync(
      process.execPath,
      [
        'node_modules/.bin/tsx',
        'geo/import-cli.ts',
        file,
        '--set',
        'official-2021',
        '--valid-from',
        '2013-04-01',
        '--valid-to',
        '2025-07-01',
        '--source',
        'Sở Tài nguyên và Môi trường Long An (thử nghiệm)',
        '--out',
        path.join(dir, 'area-sets'),
      ],
      { encoding: 'utf8' },
    );
    server = await startServerProcess({ READ_ACCESS: 'open' }, dir);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await openMap(page, `${server.url}/?area=803`);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the sites outside every unit with their distance', () => {
    const outside = SENSOR_SITES.filter((s) => s.area === '807');
    expect(importOutput).toContain(`${outside.length} sensor site(s) outside every unit`);
    for (const s of outside)
      expect(importOutput).toMatch(new RegExp(`${s.siteId}\\s+\\d+\\.\\d\\d km from `));
  });

  it('shows the set name and source, no schematic label, and every site inside its area or marked outside', async () => {
    const note = page.getByTestId('map-area-set');
    await page.locator('[data-testid="map-area-set"][data-set="official-2021"]').waitFor();
    expect(await note.getAttribute('data-schematic')).toBe('none');
    const text = (await note.textContent())!;
    expect(text).toContain('official-2021');
    expect(text).toContain('Sở Tài nguyên và Môi trường Long An');
    expect(text).not.toMatch(/sơ đồ minh hoạ/i);

    const sites = (await (await fetch(`${server.url}/api/areas/sites`)).json()) as SiteAreasResponse;
    const areas = (await (await fetch(`${server.url}/api/areas`)).json()) as AreaFeatureCollection;
    expect(sites.set).toBe('official-2021');
    const byCode = new Map(areas.features.map((f) => [f.properties.code, f]));
    let outside = 0;
    for (const s of SENSOR_SITES) {
      const code = sites.sites[s.siteId];
      if (code === null) outside++;
      else expect(booleanPointInPolygon(s.lonLat, byCode.get(code!)!.geometry), s.siteId).toBe(true);
    }
    expect(outside).toBe(SENSOR_SITES.filter((s) => s.area === '807').length);
    const legend = page.getByTestId('legend-outside');
    await legend.waitFor();
    expect(Number(await legend.getAttribute('data-count'))).toBe(outside);
    await page.screenshot({ path: screenshotPath('map-official-import.png'), timeout: 90_000 });
  }, 120_000);
});
