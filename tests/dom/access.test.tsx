import { fireEvent, render, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { HOME_OF } from '../../client/access/access';
import { AccessGate } from '../../client/access/AccessGate';
import { DisplayTokenGate } from '../../client/access/DisplayTokenGate';
import { navigation } from '../../client/access/navigation';
import { displayToken } from '../../client/net/display-token';
import { useSessionStore } from '../../client/access/session.store';
import { Header } from '../../client/features/operator/Header';
import type { Principal } from '../../protocol/auth.schema';
import { authHandlers, fakeAuth, type FakeAuth } from './auth-handlers';
import { server } from './msw-server';

let auth: FakeAuth;
let go: MockInstance<typeof navigation.go>;

beforeEach(() => {
  auth = fakeAuth();
  server.use(...authHandlers(auth));
  go = vi.spyOn(navigation, 'go').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

const gated = (pathname: string, search = '') =>
  render(
    <AccessGate pathname={pathname} search={search}>
      <p data-testid="view">view</p>
    </AccessGate>,
  );

describe('route guard with READ_ACCESS=signed-in', () => {
  beforeEach(() => {
    auth.readAccess = 'signed-in';
  });

  it('sends an anonymous visitor to the login page, coming back to the same view', async () => {
    gated('/kpi', '?area=794');
    expect(screen.getByTestId('session-checking')).toBeInTheDocument();
    expect(await screen.findByTestId('sign-in-redirect')).toHaveTextContent('Trang này cần đăng nhập');
    expect(go).toHaveBeenCalledWith('/login?next=%2Fkpi%3Farea%3D794');
    expect(screen.queryByTestId('view')).toBeNull();
  });

  const cases: [Principal['role'], string, boolean][] = [
    ['operator', '/console', true],
    ['operator', '/kpi', false],
    ['leader', '/kpi', true],
    ['leader', '/', false],
    ['analyst', '/replay', true],
    ['analyst', '/wall', false],
    ['display', '/wall', true],
    ['display', '/console', false],
    ['admin', '/admin', true],
    ['operator', '/admin', false],
  ];
  it.each(cases)('%s at %s: view shown = %s', async (role, path, shown) => {
    auth.principal = { name: 'nguoi.dung', role };
    gated(path);
    if (shown) expect(await screen.findByTestId('view')).toBeInTheDocument();
    else {
      const forbidden = await screen.findByTestId('forbidden');
      expect(forbidden).toHaveTextContent('Tài khoản này không được dùng trang này');
      expect(within(forbidden).getByRole('link')).toHaveAttribute('href', HOME_OF[role]);
      expect(screen.queryByTestId('view')).toBeNull();
    }
    expect(go).not.toHaveBeenCalled();
  });

  it('lets a console opened with an operator token in, and takes the token out of the address bar', async () => {
    window.history.replaceState(null, '', '/console?operatorToken=op-token-0123456789');
    gated('/console', '?operatorToken=op-token-0123456789');
    expect(await screen.findByTestId('view')).toBeInTheDocument();
    expect(window.location.search).toBe('');
    expect(sessionStorage.getItem('ioc.operatorToken')).toBe('op-token-0123456789');
    sessionStorage.clear();
  });

  it('never asks who is there on /public', () => {
    gated('/public');
    expect(screen.getByTestId('view')).toBeInTheDocument();
    expect(auth.requests).toEqual([]);
  });
});

describe('route guard with READ_ACCESS=open', () => {
  it('shows the dashboards to an anonymous visitor, with a way to sign in in the header', async () => {
    window.history.replaceState(null, '', '/replay');
    render(
      <AccessGate pathname="/replay" search="">
        <Header />
      </AccessGate>,
    );
    const link = await screen.findByTestId('sign-in-link');
    expect(link).toHaveTextContent('Đăng nhập');
    expect(link).toHaveAttribute('href', '/login?next=%2Freplay');
    expect(go).not.toHaveBeenCalled();
  });

  it('treats a server without sign-in (404 on /api/auth/me) as open', async () => {
    server.use(http.get('*/api/auth/me', () => HttpResponse.json({ error: 'not_found' }, { status: 404 })));
    gated('/wall');
    expect(await screen.findByTestId('view')).toBeInTheDocument();
    expect(useSessionStore.getState()).toMatchObject({ principal: null, readAccess: 'open' });
  });

  it('treats an answer without readAccess as open', async () => {
    auth.readAccess = undefined;
    gated('/kpi');
    expect(await screen.findByTestId('view')).toBeInTheDocument();
  });
});

describe('header', () => {
  it('shows who is signed in with the role in Vietnamese, and signs out', async () => {
    auth.principal = { name: 'tran.thi.b', role: 'operator' };
    render(
      <AccessGate pathname="/" search="">
        <Header />
      </AccessGate>,
    );
    const badge = await screen.findByTestId('session-badge');
    expect(badge).toHaveTextContent('tran.thi.b');
    expect(badge).toHaveTextContent('Vận hành');
    fireEvent.click(screen.getByTestId('sign-out'));
    await vi.waitFor(() => expect(go).toHaveBeenCalledWith('/login'));
    expect(auth.principal).toBeNull();
    expect(useSessionStore.getState().principal).toBeNull();
  });

  it.each([
    ['leader', 'Lãnh đạo', 'Leader'],
    ['analyst', 'Phân tích', 'Analyst'],
    ['admin', 'Quản trị', 'Administrator'],
    ['display', 'Màn hình', 'Display'],
  ] as const)('names the %s role in both languages', (role, vi, en) => {
    useSessionStore.setState({ status: 'ready', principal: { name: 'x', role } });
    render(<Header />);
    expect(screen.getByTestId('session-badge')).toHaveTextContent(vi);
    fireEvent.click(screen.getByRole('button', { name: 'EN' }));
    expect(screen.getByTestId('session-badge')).toHaveTextContent(en);
  });

  it('keeps the sign-out when the server cannot be reached, and says so', async () => {
    server.use(http.post('*/api/auth/logout', () => HttpResponse.error()));
    useSessionStore.setState({ status: 'ready', principal: { name: 'x', role: 'analyst' } });
    render(<Header />);
    fireEvent.click(screen.getByTestId('sign-out'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Chưa đăng xuất được');
    expect(go).not.toHaveBeenCalled();
    expect(useSessionStore.getState().principal).not.toBeNull();
  });
});

describe('wall display token', () => {
  function displayToken(label: string, revoked = false) {
    const id = `tok-${label}`;
    auth.tokens.push({ id, kind: 'display', label, createdAtMs: 0, revokedAtMs: revoked ? 1 : null });
    const secret = `display-secret-${label}-0123456789`;
    auth.displaySecrets.set(id, secret);
    return secret;
  }
  const wall = (token: string, retryMs?: number) =>
    render(
      <DisplayTokenGate token={token} retryMs={retryMs}>
        <AccessGate pathname="/wall" search="">
          <p data-testid="view">wall</p>
        </AccessGate>
      </DisplayTokenGate>,
    );

  it('signs the wall in, takes the token out of the address bar and shows the wall', async () => {
    auth.readAccess = 'signed-in';
    const secret = displayToken('tuong-1');
    window.history.replaceState(null, '', `/wall?playlist=ops&display=${secret}&lang=vi`);
    wall(secret);
    expect(screen.getByTestId('display-gate')).toHaveAttribute('data-state', 'busy');
    expect(await screen.findByTestId('view')).toBeInTheDocument();
    expect(window.location.search).toBe('?playlist=ops&lang=vi');
    expect(useSessionStore.getState().principal).toEqual({ name: 'tuong-1', role: 'display' });
    expect(go).not.toHaveBeenCalled();
  });

  it('fills the screen with a clear message for a revoked token, and keeps trying', async () => {
    const secret = displayToken('tuong-2', true);
    window.history.replaceState(null, '', `/wall?display=${secret}`);
    wall(secret, 60);
    const gate = await screen.findByTestId('display-gate');
    await vi.waitFor(() => expect(gate).toHaveAttribute('data-state', 'revoked'));
    expect(gate).toHaveTextContent('Màn hình chưa được cấp quyền');
    expect(gate).toHaveTextContent('đã bị thu hồi');
    expect(screen.queryByTestId('view')).toBeNull();
    // The token stays in the address bar: a kiosk that reloads must still have something to try.
    expect(window.location.search).toBe(`?display=${secret}`);
    // The server accepts the token again (an admin's mistake undone): the next attempt lets the wall in.
    auth.tokens[0]!.revokedAtMs = null;
    expect(await screen.findByTestId('view', {}, { timeout: 2000 })).toBeInTheDocument();
    expect(auth.requests.filter((r) => r === 'POST /api/auth/token').length).toBeGreaterThanOrEqual(2);
  });

  it('tells an unreachable server apart from a refused token', async () => {
    server.use(http.post('*/api/auth/token', () => HttpResponse.error()));
    wall('display-secret-any-0123456789', 60_000);
    const gate = await screen.findByTestId('display-gate');
    await vi.waitFor(() => expect(gate).toHaveAttribute('data-state', 'unreachable'));
    expect(gate).toHaveTextContent('Chưa kết nối được máy chủ');
    expect(gate).toHaveTextContent('Tự động thử lại sau mỗi 60 giây');
  });
});

describe('display token kept for the tab', () => {
  afterEach(() => sessionStorage.clear());

  it('is taken from the address, and found again after the address lost it (a reload in the same tab)', () => {
    expect(displayToken('?playlist=ops')).toBeNull();
    expect(displayToken('?display=display-secret-0123456789')).toBe('display-secret-0123456789');
    expect(displayToken('?playlist=ops')).toBe('display-secret-0123456789');
    // A new token in the address replaces the old one.
    expect(displayToken('?display=display-secret-new-456789')).toBe('display-secret-new-456789');
    expect(displayToken('')).toBe('display-secret-new-456789');
  });
});
