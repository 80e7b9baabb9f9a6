import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../testkit/browser';
import { startServerProcess, type ServerProcess } from '../../testkit/server-process';

/**
 * The newcomer's journey against the real server's auth store, nothing answered in the browser: the one-time
 * link `npm start` prints signs in the admin, who creates an operator and a wall's display token; the operator
 * signs in with the keyboard, the wall boots from its URL.
 */
describe('sign-in against the server', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServerProcess({ SIM: 'off' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('goes from the printed one-time link to an operator at work and a wall on its display token', async () => {
    const once = /\/login\?once=([\w-]+)/.exec(server.output())?.[1];
    expect(once).toBeTruthy();

    const admin = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await admin.goto(`${server.url}/login?once=${once}`);
    await admin.waitForURL(/\/admin$/);
    expect(await admin.getByTestId('session-name').textContent()).toBe('admin');

    await admin.getByTestId('new-user-name').fill('nguyen.van.a');
    await admin.getByTestId('new-user-role').selectOption('operator');
    await admin.getByTestId('new-user-password').fill('mat-khau-van-hanh-2021');
    await admin.getByTestId('add-user').click();
    await admin.getByTestId('add-user-done').waitFor();

    await admin.getByTestId('new-token-kind').selectOption('display');
    await admin.getByTestId('new-token-label').fill('tường-phòng-điều-hành');
    await admin.getByTestId('create-token').click();
    const wallUrl = await admin.getByTestId('token-wall-url').inputValue();
    expect(wallUrl).toMatch(/\/wall\?display=/);

    // The link was single use: a second redemption is refused.
    const again = await fetch(`${server.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ token: once }),
    });
    expect(again.status).toBe(401);

    const operator = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await operator.goto(`${server.url}/login`);
    await operator.getByTestId('login-username').fill('nguyen.van.a');
    await operator.keyboard.press('Tab');
    await operator.keyboard.type('mat-khau-van-hanh-2021');
    await operator.keyboard.press('Enter');
    await operator.waitForURL(`${server.url}/`);
    expect(await operator.getByTestId('session-name').textContent()).toBe('nguyen.van.a');

    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wall.goto(wallUrl.replace(/^https?:\/\/[^/]+/, server.url));
    await wall.getByTestId('wall').waitFor();
    expect(new URL(wall.url()).searchParams.get('display')).toBeNull();

    // Every step is in the audit log the admin reads.
    await admin.reload();
    const audit = (await admin.getByTestId('audit-table').textContent()) ?? '';
    for (const action of ['Đăng nhập', 'Tạo mã truy cập']) expect(audit).toContain(action);
    expect(audit).toContain('nguyen.van.a');
  });
});

/**
 * Issue 21: secure by default. A fresh `npm start` with no READ_ACCESS set keeps the log and the dashboards to
 * sessions and display tokens, while the citizens' page and the API documents stay open.
 */
describe('with no READ_ACCESS set', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    // Four days of history: public figures to show, a short start-up.
    server = await startServerProcess({ SIM_HISTORY_FROM: '2021-07-28T00:00:00+07:00' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses anonymous reads, renders /public, redirects a dashboard to /login, and boots a wall by its token', async () => {
    expect(server.output()).toContain('Read access: signed-in');
    expect(server.output()).not.toContain('WARNING: READ_ACCESS=open');
    for (const p of ['/api/events?from=2021-07-28&to=2021-08-02', '/api/kpis?area=80']) {
      const res = await fetch(server.url + p);
      expect([p, res.status]).toEqual([p, 401]);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
    expect((await fetch(`${server.url}/api/public/summary`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/openapi.json`)).status).toBe(200);

    const citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await citizen.goto(`${server.url}/public`);
    const year = citizen.getByTestId('public-online-year');
    await year.waitFor({ timeout: 30_000 });
    expect(await year.textContent()).toMatch(/^\d{1,3}(\.\d{3})+$/);
    expect(await citizen.getByTestId('public-covid-table').locator('tbody tr').count()).toBe(15);

    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/kpi?area=794`);
    await visitor.waitForURL(/\/login\?next=/);
    expect(new URL(visitor.url()).searchParams.get('next')).toBe('/kpi?area=794');

    // An admin (by the printed link) makes a display token; the wall boots from its URL alone.
    const once = /\/login\?once=([\w-]+)/.exec(server.output())?.[1];
    const json = { 'content-type': 'application/json', origin: server.url };
    const signedIn = await fetch(`${server.url}/api/auth/token`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token: once }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${server.url}/api/admin/tokens`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify({ kind: 'display', label: 'tuong-chinh' }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wall.goto(`${server.url}/wall?display=${token}&chime=0`);
    await wall.locator('[data-testid="wall-connection"][data-state="live"]').waitFor({ timeout: 60_000 });
    expect(new URL(wall.url()).searchParams.get('display')).toBeNull();
    const tile = wall.getByTestId('wall-tile-onlineToday-value');
    await tile.waitFor({ timeout: 30_000 });
    expect(await tile.textContent()).toMatch(/\d/);
  });
});
