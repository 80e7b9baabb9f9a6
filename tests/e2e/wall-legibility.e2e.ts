import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DISPLAY_PROFILES } from '../../client/features/wall/display-profile';
import { SCENE_IDS } from '../../client/features/wall/playlists';
import { LABEL_FONT, LABEL_WEIGHT } from '../../client/map/label-font';
import type { AreaFeatureCollection } from '../../protocol';
import { launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

/** ISO 9241-303's floor for text meant to be read, arcminutes of character (capital) height. */
const MIN_ARCMIN = 16;

/**
 * The physics worked out here on its own, not through the wall's module, so a slip there cannot hide here:
 * the screen's width from its diagonal and aspect, millimetres per CSS px over the full-screen viewport.
 */
function mmPerCssPx(p: { diagonalIn: number; widthPx: number; heightPx: number }, viewportW: number) {
  const a = p.widthPx / p.heightPx;
  return (p.diagonalIn * 25.4 * (a / Math.sqrt(a * a + 1))) / viewportW;
}

interface TextReport {
  text: string;
  fontPx: number;
  capPx: number;
  /** The element that cuts the text off, if any. */
  clippedBy: string | null;
}

/**
 * Every visible text node of the page: its font size, the cap height of its own font (a capital H measured on a
 * canvas in that font, weight and size) and whether an ancestor that clips (overflow other than visible) or the
 * viewport cuts any of its line boxes, or an element with an ellipsis truncates it.
 */
async function readTexts(page: Page): Promise<TextReport[]> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const out: TextReport[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}[${el.getAttribute('data-testid') ?? ''}]`;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      // The map's licence notice must be there but is not read from the seat.
      if (el.closest('.maplibregl-ctrl-attrib')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      const style = getComputedStyle(el);
      if (!rects.length || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      const fontPx = parseFloat(style.fontSize);
      ctx.font = `${style.fontStyle} ${style.fontWeight} ${fontPx}px ${style.fontFamily}`;
      const capPx = ctx.measureText('H').actualBoundingBoxAscent;
      let clippedBy: string | null = null;
      const vw = document.documentElement.clientWidth;
      const vh = document.documentElement.clientHeight;
      for (const r of rects) {
        if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5)
          clippedBy = 'viewport';
      }
      for (
        let a: Element | null = el;
        a && a !== document.documentElement && !clippedBy;
        a = a.parentElement
      ) {
        const s = getComputedStyle(a);
        if (s.textOverflow === 'ellipsis' && a.scrollWidth > a.clientWidth) clippedBy = describe(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        for (const r of rects) {
          if (
            r.left < box.left - 0.5 ||
            r.right > box.right + 0.5 ||
            r.top < box.top - 0.5 ||
            r.bottom > box.bottom + 0.5
          )
            clippedBy = describe(a);
        }
      }
      out.push({ text: text.slice(0, 60), fontPx, capPx, clippedBy });
    }
    return out;
  });
}

/**
 * The wall map's labels (drawn on the canvas, so not among the page's text nodes): the codes placed, their font
 * size and the cap height of the label font at that size, measured in the page as for the page's text.
 */
async function readMapLabels(page: Page) {
  return page.evaluate(
    ({ font, weight }) => {
      const canvas = document.querySelector('[data-testid="wall-map"] [data-testid="map-canvas"]');
      const px = Number(canvas?.getAttribute('data-label-px'));
      const ids = (JSON.parse(canvas?.getAttribute('data-labels') ?? '[]') as { id: string }[]).map(
        (l) => l.id,
      );
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${weight} ${px}px ${font}`;
      return { ids, px, capPx: ctx.measureText('H').actualBoundingBoxAscent };
    },
    { font: LABEL_FONT, weight: LABEL_WEIGHT },
  );
}

/** The share of the map's drawn area that the band's note and attribution cover. */
async function creditsOverMap(page: Page): Promise<number> {
  return page.evaluate(() => {
    const map = document.querySelector('[data-testid="wall-map"] .map-canvas__gl')!.getBoundingClientRect();
    let covered = 0;
    for (const el of document.querySelectorAll(
      '[data-testid="wall-map-credits"], [data-testid="map-attribution"]',
    )) {
      const r = el.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, map.right) - Math.max(r.left, map.left));
      const h = Math.max(0, Math.min(r.bottom, map.bottom) - Math.max(r.top, map.top));
      covered += w * h;
    }
    return covered / (map.width * map.height);
  });
}

const CASES = [
  { profile: '55-1080p-4m', query: '', viewport: { width: 1920, height: 1080 }, scale: 1 },
  // 4K as the browser of a 4K wall sees it: 1920 CSS px at two device pixels each, 3840×2160 on screen.
  { profile: '65-4k-6m', query: 'profile=65-4k-6m&', viewport: { width: 1920, height: 1080 }, scale: 2 },
] as const;

describe('the wall is legible from the seats of its display profile', () => {
  let server: ServerProcess;
  let browser: Browser;
  /** The units the set in force draws under its top unit: what the wall map may name. */
  let drawnUnits: Set<string>;

  beforeAll(async () => {
    server = await startServerProcess({ READ_ACCESS: 'open' });
    browser = await launchBrowser();
    const areas = (await (await fetch(`${server.url}/api/areas`)).json()) as AreaFeatureCollection;
    const top = areas.features.find((f) => f.properties.parent === null)!.properties.code;
    drawnUnits = new Set(
      areas.features.filter((f) => f.properties.parent === top).map((f) => f.properties.code),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const c of CASES) {
    it(
      `${c.profile}: every scene's text is at least ${MIN_ARCMIN}′ high and none is cut`,
      { timeout: 240_000 },
      async () => {
        const p = DISPLAY_PROFILES[c.profile];
        const page = await browser.newPage({ viewport: c.viewport, deviceScaleFactor: c.scale });
        await page.goto(`${server.url}/wall?${c.query}paused=1&chime=0&lang=vi`);
        await page.locator('[data-testid="wall-connection"][data-state="live"]').waitFor({ timeout: 60_000 });
        await page.getByTestId('map-legend').waitFor({ timeout: 60_000 });
        const mm = mmPerCssPx(p, c.viewport.width);
        for (const [i, scene] of SCENE_IDS.entries()) {
          await page.keyboard.press(String(i + 1));
          await page.locator(`[data-testid="wall"][data-scene="${scene}"]`).waitFor();
          // The tiles of the new scene and their fitting pass.
          await page.waitForTimeout(1500);
          const texts = await readTexts(page);
          expect(texts.length).toBeGreaterThan(10);
          const small = texts
            .map((t) => ({
              ...t,
              arcmin: (2 * Math.atan((t.capPx * mm) / 2 / (p.distanceM * 1000)) * 10800) / Math.PI,
            }))
            .filter((t) => t.arcmin < MIN_ARCMIN)
            .map((t) => `${t.text} (${t.fontPx} px, ${t.arcmin.toFixed(1)}′)`);
          expect(small, `${scene}: text under ${MIN_ARCMIN}′`).toEqual([]);
          const cut = texts.filter((t) => t.clippedBy).map((t) => `${t.text} ← ${t.clippedBy}`);
          expect(cut, `${scene}: text cut off`).toEqual([]);
          // The map's own labels: units of the set in force, as large at the seat as the page's text.
          // Placed once the camera's flight to the scene has ended.
          await expect
            .poll(async () => (await readMapLabels(page)).ids.length, {
              timeout: 15_000,
              message: `${scene}: map labels`,
            })
            .toBeGreaterThan(0);
          const labels = await readMapLabels(page);
          for (const id of labels.ids) expect(drawnUnits.has(id), `${scene}: label ${id}`).toBe(true);
          const labelArcmin =
            (2 * Math.atan((labels.capPx * mm) / 2 / (p.distanceM * 1000)) * 10800) / Math.PI;
          expect(labelArcmin, `${scene}: map labels at ${labels.px} px`).toBeGreaterThanOrEqual(MIN_ARCMIN);
          // The boundaries' note and licence are in the legend band, not over the map.
          expect(await page.getByTestId('map-attribution').textContent()).toMatch(
            /geoBoundaries.*CC BY 3\.0 IGO/,
          );
          expect(await creditsOverMap(page), `${scene}: map covered by its credits`).toBeLessThan(0.05);
          // Fewer items, never none: every scene keeps at least one whole tile and the alert heading.
          expect(
            Number(await page.getByTestId('wall-tiles').getAttribute('data-shown')),
            `${scene}: tiles shown`,
          ).toBeGreaterThan(0);
          if (scene === 'province') {
            await page.waitForTimeout(2000);
            await page.screenshot({ path: screenshotPath(`wall-profile-${c.profile}.png`), timeout: 90_000 });
          }
        }
        expect(await page.evaluate(() => document.documentElement.dataset.wallProfile)).toBe(p.id);
        await page.close();
      },
    );
  }
});
