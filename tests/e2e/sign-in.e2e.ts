import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import type { AuditEntry, Principal, TokenSummary, UserSummary } from '../../protocol/auth.schema';
import { launchBrowser, screenshotPath } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

/**
 * The sign-in and admin pages in Chromium, served by the built server under its real CSP, with the auth API
 * answered in the browser (page.route): states the real server reaches only slowly (a failed login already in
 * the audit, a revoked wall token) are set up directly. The journey against the real auth store is
 * sign-in-server.e2e.ts.
 */
const T0 = Date.parse('2021-08-16T08:00:00+07:00');
const json = (route: Route, status: number, body: unknown) =>
  route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

function fakeAuthApi(page: Page) {
  let principal: Principal | null = null;
  const users: UserSummary[] = [
    { username: 'admin', role: 'admin', createdAtMs: T0 },
    { username: 'nguyen.van.a', role: 'operator', createdAtMs: T0 + 3_600_000 },
    { username: 'tran.thi.b', role: 'leader', createdAtMs: T0 + 7_200_000 },
  ];
  const tokens: TokenSummary[] = [
    { id: 'tk1', kind: 'display', label: 'tường-phòng-điều-hành', createdAtMs: T0, revokedAtMs: null },
    { id: 'tk2', kind: 'ingest', label: 'cổng-dvc', createdAtMs: T0, revokedAtMs: null },
    { id: 'tk3', kind: 'display', label: 'tường-cũ', createdAtMs: T0, revokedAtMs: T0 + 600_000 },
  ];
  const audit: AuditEntry[] = [
    { id: 1, atMs: T0, actor: 'admin', action: 'token_created', target: 'tk1', ip: '10.0.0.5' },
    { id: 2, atMs: T0 + 600_000, actor: 'admin', action: 'token_revoked', target: 'tk3', ip: '10.0.0.5' },
    {
      id: 3,
      atMs: T0 + 900_000,
      actor: 'nguyen.van.a',
      action: 'alert_ack',
      target: 'sensor:wl-1@102',
      ip: null,
    },
    { id: 4, atMs: T0 + 960_000, actor: 'khach', action: 'login_failed', target: 'khach', ip: '10.0.0.9' },
  ];
  return page.route(/\/api\/(auth|admin)\//, async (route) => {
    const url = new URL(route.request().url());
    const method = route.request().method();
    const at = `${method} ${url.pathname}`;
    if (at === 'GET /api/auth/me') return json(route, 200, { principal, readAccess: 'signed-in' });
    if (at === 'POST /api/auth/login') {
      const { username, password } = route.request().postDataJSON() as { username: string; password: string };
      if (username !== 'admin' || password !== 'mat-khau-dai-123')
        return json(route, 401, { error: 'invalid_credentials' });
      principal = { name: 'admin', role: 'admin' };
      return json(route, 200, { principal });
    }
    if (at === 'POST /api/auth/token') return json(route, 401, { error: 'invalid_token' });
    if (!principal) return json(route, 401, { error: 'unauthorized' });
    if (at === 'GET /api/admin/users') return json(route, 200, users);
    if (at === 'GET /api/admin/tokens') return json(route, 200, tokens);
    if (at === 'GET /api/admin/audit') return json(route, 200, audit);
    return json(route, 404, { error: 'not_found' });
  });
}

describe('sign-in pages in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess({ SIM_HISTORY_FROM: '2021-07-31T00:00:00+07:00' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends an anonymous visitor to the login page, refuses a wrong password, then opens the admin page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on(
      'console',
      (m) => m.type() === 'error' && !/status of 401/.test(m.text()) && errors.push(m.text()),
    );
    await fakeAuthApi(page);
    await page.goto(`${server.url}/admin`);
    await page.waitForURL(/\/login\?next=%2Fadmin$/);
    const username = page.getByLabel('Tên đăng nhập');
    await username.waitFor();
    // The form is keyboard-first: the cursor starts in the user name, Tab reaches the password, Enter submits.
    expect(await username.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: screenshotPath('login.png') });
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('sai-mat-khau-000');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toBe('Sai tên đăng nhập hoặc mật khẩu.');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dai-123');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin$/);
    const audit = page.getByTestId('audit-table');
    await audit.waitFor();
    expect(await page.getByTestId('session-badge').textContent()).toContain('Quản trị');
    expect(await audit.locator('tbody tr').first().textContent()).toContain('Đăng nhập thất bại');
    await page.screenshot({ path: screenshotPath('admin.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a wall with a refused display token a full-screen message and keeps the token for its retries', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await fakeAuthApi(page);
    await page.goto(`${server.url}/wall?display=revoked-token-0123456789`);
    const gate = page.getByTestId('display-gate');
    await expect.poll(() => gate.getAttribute('data-state')).toBe('revoked');
    expect(await gate.textContent()).toContain('Màn hình chưa được cấp quyền');
    const box = await gate.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(new URL(page.url()).searchParams.get('display')).toBe('revoked-token-0123456789');
    await page.close();
  });
});
