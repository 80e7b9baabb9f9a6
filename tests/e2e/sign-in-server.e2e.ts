import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { startServerProcess, type ServerProcess } from './support/server-process';

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
    const once = /\/login\?once=(\S+)/.exec(server.output())?.[1];
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
