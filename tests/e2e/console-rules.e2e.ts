import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AlertRules } from '../../protocol';
import { launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

const OPERATOR_TOKEN = 'e2e-operator-token-rules-0123456789';

describe('alarm rules edited in the console (against npm start)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const rulesInForce = async () =>
    (await (await fetch(`${server.url}/api/alarms/rules`)).json()) as AlertRules;

  beforeAll(async () => {
    // RULES_EDIT=operators: the console's operator token may change the rules (admins only by default).
    server = await startServerProcess({
      OPERATOR_TOKENS: OPERATOR_TOKEN,
      READ_ACCESS: 'open',
      RULES_EDIT: 'operators',
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${server.url}/console?operatorToken=${OPERATOR_TOKEN}`);
    await page.getByTestId('console').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a draft the schema refuses, then puts the corrected one in force and in the log', async () => {
    const before = await rulesInForce();
    await page.getByTestId('rules-toggle').click();
    await page.getByTestId('rules-editor').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rule-water_level-warning').inputValue()).toBe('1,6');

    await page.getByTestId('rule-water_level-warning').fill('1,9');
    await page.getByTestId('rule-water_level-onReadings').fill('1');
    await page.getByTestId('rule-water_level-onSeconds').fill('');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('rule-water_level-problems').textContent()).resolves.toBe(
      'ngưỡng cảnh báo không được cao hơn ngưỡng báo động',
    );
    await page.screenshot({ path: screenshotPath('console-rules-problem.png') });
    expect(await rulesInForce()).toEqual(before);

    await page.getByTestId('rule-water_level-warning').fill('1,7');
    await page.keyboard.press('Enter');
    const outcome = page.locator('[data-testid="rules-outcome"][data-outcome="saved"]');
    await outcome.waitFor();
    await expect(outcome.textContent()).resolves.toMatch(
      /^Đã áp dụng: thay đổi ghi ở vị trí [\d.]+ của nhật ký\.$/,
    );
    const after = await rulesInForce();
    expect(after.sensorThresholds.water_level).toEqual({ warning: 1.7, alarm: 1.8 });
    expect(after.alarms?.sensors?.water_level).toEqual({ onDelay: { readings: 1 } });
    // Everything the editor was not asked to change stays as it was.
    expect({ ...after, sensorThresholds: {}, alarms: undefined }).toEqual({
      ...before,
      sensorThresholds: {},
      alarms: undefined,
    });
    // In the log as an event (so replay applies it from there on), named after the console.
    const { nowMs } = (await (await fetch(`${server.url}/api/health`)).json()) as { nowMs: number };
    const range = new URLSearchParams({
      from: new Date(nowMs - 3600_000).toISOString(),
      to: new Date(nowMs + 3600_000).toISOString(),
      stream: 'ops',
    });
    const log = await (await fetch(`${server.url}/api/replay/export?${range.toString()}`)).text();
    const changes = log
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { action?: string; source?: string; rules?: AlertRules })
      .filter((e) => e.action === 'alert-rules:changed' && e.source === 'console-rules');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.rules).toEqual(after);
    await page.screenshot({ path: screenshotPath('console-rules-saved.png') });
  });
});
