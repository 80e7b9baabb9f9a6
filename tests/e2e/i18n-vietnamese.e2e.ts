import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { englishWords, looksEnglish } from '../support/english-text';
import { launchBrowser } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

/**
 * Every string a page holds, shown or waiting to be shown (a hint that appears on a gesture, a tooltip, a label
 * for screen readers): text nodes, and the title, aria-label, placeholder and alt attributes, and the title.
 */
async function pageStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const tag = n.parentElement?.tagName;
      if (tag === 'SCRIPT' || tag === 'STYLE') continue;
      const text = (n.textContent ?? '').trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]'))
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    return out;
  });
}

/** A route, the test id that says it is ready, and what to open on it; strings are read after each step. */
const ROUTES: { path: string; ready: string; steps?: (page: Page) => Promise<(() => Promise<void>)[]> }[] = [
  { path: '/', ready: 'kpi-panel' },
  {
    path: '/kpi?p=2021-01-01..2021-09-30',
    ready: 'review-tile-online-value',
    // Each figure's provenance in turn (one is open at a time): formula and source, where the API's English
    // used to show through.
    steps: async (page) =>
      (await page.locator('[data-testid$="-why"]').all()).map((why) => () => why.click()),
  },
  { path: '/wall?paused=1&chime=0', ready: 'wall-tiles' },
  { path: '/public', ready: 'public-page' },
  { path: '/replay', ready: 'replay' },
  { path: '/login', ready: 'login' },
];

describe('the Vietnamese UI says nothing in English', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServerProcess({ READ_ACCESS: 'open' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const route of ROUTES) {
    it(`${route.path}: no English sentence in any text, label or hint`, { timeout: 120_000 }, async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`${server.url}${route.path}`);
      await page.locator(`[data-testid^="${route.ready}"]`).first().waitFor({ timeout: 60_000 });
      // Lazy parts (the maps, with their gesture hints and controls) and the first data.
      await page.waitForTimeout(3000);
      const strings = await pageStrings(page);
      for (const step of (await route.steps?.(page)) ?? []) {
        await step();
        strings.push(...(await pageStrings(page)));
      }
      expect(strings.length).toBeGreaterThan(5);
      const english = [...new Set(strings.filter(looksEnglish))].map(
        (s) => `${s.slice(0, 100)} [${englishWords(s).join(', ')}]`,
      );
      expect(english).toEqual([]);
      // Drawn in the shipped font, from the app's own server (offline): its Vietnamese face is loaded, and
      // the page's text is set in it, not in whatever the browser falls back to.
      const fonts = await page.evaluate(async () => {
        await document.fonts.ready;
        return {
          loaded: [...document.fonts]
            .filter((f) => f.family.replace(/"/g, '') === 'Be Vietnam Pro' && f.status === 'loaded')
            .map((f) => f.unicodeRange),
          body: getComputedStyle(document.body).fontFamily,
        };
      });
      expect(fonts.body).toMatch(/^"?Be Vietnam Pro"?,/);
      expect(fonts.loaded.some((r) => r.includes('1EA0'))).toBe(true);
      await page.close();
    });
  }
});
