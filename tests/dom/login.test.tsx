import { fireEvent, render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { navigation } from '../../client/access/navigation';
import { useSessionStore } from '../../client/access/session.store';
import LoginRoute from '../../client/features/login/LoginRoute';
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

function open(url: string) {
  window.history.replaceState(null, '', url);
  return render(<LoginRoute />);
}

function signIn(username: string, password: string) {
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  fireEvent.submit(screen.getByTestId('login-form'));
}

describe('login page', () => {
  it('is in Vietnamese, starts in the user name field and goes back to `next` once signed in', async () => {
    open('/login?next=%2Fkpi%3Farea%3D794');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Đăng nhập');
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveFocus();
    expect(screen.getByLabelText('Mật khẩu')).toHaveAttribute('type', 'password');
    signIn('Admin ', 'mat-khau-dai-123');
    await vi.waitFor(() => expect(go).toHaveBeenCalledWith('/kpi?area=794'));
    expect(useSessionStore.getState().principal).toEqual({ name: 'admin', role: 'admin' });
    expect(auth.audit.map((a) => a.action)).toEqual(['login']);
  });

  it("goes to the role's own page without a `next`, and never to another site", async () => {
    auth.passwords.set('lanh.dao', { password: 'mat-khau-dai-456', role: 'leader' });
    open('/login?next=%2F%2Fevil.example%2F');
    signIn('lanh.dao', 'mat-khau-dai-456');
    await vi.waitFor(() => expect(go).toHaveBeenCalledWith('/kpi'));
  });

  it('says a wrong password is wrong, and puts the cursor back in the password', async () => {
    open('/login');
    signIn('admin', 'sai-mat-khau-000');
    expect(await screen.findByTestId('login-error')).toHaveTextContent('Sai tên đăng nhập hoặc mật khẩu.');
    expect(screen.getByLabelText('Mật khẩu')).toHaveFocus();
    expect(screen.getByLabelText('Mật khẩu')).toHaveAttribute('aria-invalid', 'true');
    expect(go).not.toHaveBeenCalled();
    expect(useSessionStore.getState().principal).toBeNull();
  });

  it('treats a password the schema refuses (too short) as a wrong pair, not a crash', async () => {
    open('/login');
    signIn('admin', 'ngan');
    expect(await screen.findByTestId('login-error')).toHaveTextContent('Sai tên đăng nhập hoặc mật khẩu.');
  });

  it('tells how long to wait when rate limited (429)', async () => {
    auth.rateLimited = true;
    open('/login');
    signIn('admin', 'mat-khau-dai-123');
    expect(await screen.findByTestId('login-error')).toHaveTextContent(
      'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 42 giây.',
    );
  });

  it('prefers the Retry-After header when the server sends one', async () => {
    server.use(
      http.post('*/api/auth/login', () =>
        HttpResponse.json({ error: 'rate_limited' }, { status: 429, headers: { 'Retry-After': '1200' } }),
      ),
    );
    open('/login');
    signIn('admin', 'mat-khau-dai-123');
    expect(await screen.findByTestId('login-error')).toHaveTextContent('thử lại sau 1.200 giây');
  });

  it('tells a network failure apart from a wrong password', async () => {
    server.use(http.post('*/api/auth/login', () => HttpResponse.error()));
    open('/login');
    signIn('admin', 'mat-khau-dai-123');
    expect(await screen.findByTestId('login-error')).toHaveTextContent('Không kết nối được máy chủ');
  });

  it('refuses an answer that does not follow the contract', async () => {
    server.use(
      http.post('*/api/auth/login', () => HttpResponse.json({ principal: { name: 'x', role: 'root' } })),
    );
    open('/login');
    signIn('admin', 'mat-khau-dai-123');
    expect(await screen.findByTestId('login-error')).toHaveTextContent('invalid_answer');
    expect(go).not.toHaveBeenCalled();
  });

  it('switches to English with the language switch', () => {
    open('/login');
    fireEvent.click(screen.getByRole('button', { name: 'EN' }));
    expect(screen.getByLabelText('User name')).toBeInTheDocument();
    expect(screen.getByTestId('login-submit')).toHaveTextContent('Sign in');
  });
});

describe('one-time admin link', () => {
  it('signs in without typing, removes the secret from the address bar and opens the admin page', async () => {
    auth.onceTokens.add('once-0123456789abcdef');
    open('/login?once=once-0123456789abcdef');
    expect(screen.getByTestId('login-once')).toHaveTextContent('liên kết một lần');
    expect(window.location.search).toBe('');
    await vi.waitFor(() => expect(go).toHaveBeenCalledWith('/admin'));
    expect(useSessionStore.getState().principal?.role).toBe('admin');
    expect(auth.requests.filter((r) => r === 'POST /api/auth/token')).toHaveLength(1);
  });

  it('follows `next` when the link has one', async () => {
    auth.onceTokens.add('once-next-0123456789');
    open('/login?once=once-next-0123456789&next=%2Fconsole');
    await vi.waitFor(() => expect(go).toHaveBeenCalledWith('/console'));
  });

  it('says a used link is no longer valid and offers the form', async () => {
    open('/login?once=used-0123456789abcdef');
    expect(await screen.findByTestId('login-once-failed')).toHaveTextContent('không còn hiệu lực');
    expect(screen.getByTestId('login-form')).toBeInTheDocument();
    expect(go).not.toHaveBeenCalled();
  });
});
