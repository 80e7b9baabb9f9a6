import { chromium, type Browser, type Locator } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { PNG } from 'pngjs';

/** Debian's Chromium with WebGL through SwiftShader (see TOOLCHAIN.md for why each flag). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = [process.env.CHROME_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
  if (!executablePath)
    throw new Error('Chromium not found: run `sudo apt-get install -y chromium` or set CHROME_PATH');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * How the pixels of an element's screenshot are spread over colours: a blank or one-colour canvas has
 * (almost) all its pixels in one colour.
 */
export async function colourSpread(target: Locator): Promise<{ distinct: number; dominantShare: number }> {
  // A page screenshot clipped to the element: an element screenshot first waits for the element to be
  // "stable" across frames, which a wall map that pulses at 4K under SwiftShader may never be in time.
  const box = await target.boundingBox();
  if (!box) throw new Error('element to measure is not visible');
  const png = PNG.sync.read(await target.page().screenshot({ clip: box }));
  const counts = new Map<number, number>();
  for (let i = 0; i < png.data.length; i += 4) {
    // Quantised to 5 bits per channel so anti-aliasing noise does not count as content.
    const key = ((png.data[i]! >> 3) << 10) | ((png.data[i + 1]! >> 3) << 5) | (png.data[i + 2]! >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = png.width * png.height;
  return { distinct: counts.size, dominantShare: Math.max(...counts.values()) / total };
}

/**
 * Where an e2e screenshot goes: `test-results/screenshots` (ignored by git) so that `npm test` leaves the tree
 * clean; `npm run screenshots` (SCREENSHOT_DIR=docs/screenshots) refreshes the README's pictures on purpose.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  return `${dir}/${name}`;
}
