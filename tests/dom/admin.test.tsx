import { fireEvent, render, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { navigation } from '../../client/access/navigation';
import AdminRoute from '../../client/features/admin/AdminRoute';
import { resetAdminStore } from '../../client/features/admin/admin.store';
import { authHandlers, fakeAuth, T0, type FakeAuth } from './auth-handlers';
import { server } from './msw-server';

let auth: FakeAuth;
let go: MockInstance<typeof navigation.go>;

beforeEach(() => {
  auth = fakeAuth({ principal: { name: 'admin', role: 'admin' } });
  server.use(...authHandlers(auth));
  go = vi.spyOn(navigation, 'go').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  resetAdminStore();
});

async function openAdmin() {
  render(<AdminRoute />);
  return screen.findByTestId('users-table');
}

const rows = (testId: string) => within(screen.getByTestId(testId)).queryAllByRole('row').slice(1);

describe('admin page: users', () => {
  it('lists users with their role in Vietnamese and a Vietnamese date', async () => {
    await openAdmin();
    const [row] = rows('users-table');
    expect(row).toHaveTextContent('admin');
    expect(row).toHaveTextContent('Quản trị');
    expect(row).toHaveTextContent('09:30:00 16/08/2021');
  });

  it('adds a user with a role and password, and the list and the audit log show it', async () => {
    await openAdmin();
    fireEvent.change(screen.getByTestId('new-user-name'), { target: { value: 'tran.thi.b' } });
    fireEvent.change(screen.getByTestId('new-user-role'), { target: { value: 'leader' } });
    fireEvent.change(screen.getByTestId('new-user-password'), { target: { value: 'mot-mat-khau-dai' } });
    fireEvent.click(screen.getByTestId('add-user'));
    expect(await screen.findByTestId('add-user-done')).toHaveTextContent('Đã thêm người dùng tran.thi.b.');
    expect(auth.passwords.get('tran.thi.b')).toEqual({ password: 'mot-mat-khau-dai', role: 'leader' });
    const added = rows('users-table').find((r) => r.getAttribute('data-username') === 'tran.thi.b');
    expect(added).toHaveTextContent('Lãnh đạo');
    expect(rows('audit-table')[0]).toHaveTextContent('Thêm người dùng');
    expect(screen.getByTestId('new-user-password')).toHaveValue('');
  });

  it('checks name and password with the protocol rules before asking the server', async () => {
    await openAdmin();
    fireEvent.change(screen.getByTestId('new-user-name'), { target: { value: 'Trần Thị B' } });
    fireEvent.change(screen.getByTestId('new-user-password'), { target: { value: 'mot-mat-khau-dai' } });
    fireEvent.click(screen.getByTestId('add-user'));
    expect(screen.getByTestId('add-user-problem')).toHaveTextContent('chữ thường không dấu');
    fireEvent.change(screen.getByTestId('new-user-name'), { target: { value: 'tran.thi.b' } });
    fireEvent.change(screen.getByTestId('new-user-password'), { target: { value: 'ngan' } });
    fireEvent.click(screen.getByTestId('add-user'));
    expect(screen.getByTestId('add-user-problem')).toHaveTextContent('từ 10 đến 256 ký tự');
    expect(auth.requests).not.toContain('POST /api/admin/users');
  });

  it("shows the server's refusal", async () => {
    await openAdmin();
    fireEvent.change(screen.getByTestId('new-user-name'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByTestId('new-user-password'), { target: { value: 'mot-mat-khau-dai' } });
    fireEvent.click(screen.getByTestId('add-user'));
    expect(await screen.findByTestId('admin-error')).toHaveTextContent(
      'Máy chủ không thực hiện được: user_exists',
    );
  });

  it('removes a user only after confirmation', async () => {
    auth.passwords.set('cu.nhan', { password: 'mot-mat-khau-dai', role: 'analyst' });
    auth.users.push({ username: 'cu.nhan', role: 'analyst', createdAtMs: T0 });
    await openAdmin();
    const row = () => rows('users-table').find((r) => r.getAttribute('data-username') === 'cu.nhan');
    fireEvent.click(within(row()!).getByTestId('remove-user'));
    expect(within(row()!).getByRole('group')).toHaveAccessibleName('Xóa người dùng cu.nhan?');
    fireEvent.click(within(row()!).getByRole('button', { name: 'Hủy' }));
    expect(auth.requests).not.toContain('DELETE /api/admin/users/cu.nhan');
    fireEvent.click(within(row()!).getByTestId('remove-user'));
    fireEvent.click(within(row()!).getByTestId('remove-user-confirm'));
    await vi.waitFor(() => expect(row()).toBeUndefined());
    expect(auth.passwords.has('cu.nhan')).toBe(false);
  });
});

describe('admin page: tokens', () => {
  it('shows a new display token once, with a copy button and the full wall address', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await openAdmin();
    fireEvent.change(screen.getByTestId('new-token-label'), { target: { value: 'tường-phòng-điều-hành' } });
    fireEvent.click(screen.getByTestId('create-token'));
    const notice = await screen.findByTestId('created-token');
    expect(notice).toHaveTextContent('Mã mới cho “tường-phòng-điều-hành”');
    expect(notice).toHaveTextContent('chỉ hiển thị một lần');
    const secret = auth.displaySecrets.get('tok-1')!;
    expect(screen.getByTestId('token-secret')).toHaveValue(secret);
    expect(screen.getByTestId('token-wall-url')).toHaveValue(`http://localhost:3000/wall?display=${secret}`);
    fireEvent.click(screen.getByTestId('token-secret-copy'));
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith(secret));
    expect(await within(notice).findByText('Đã sao chép')).toBeInTheDocument();
    const [row] = rows('tokens-table');
    expect(row).toHaveTextContent('Màn hình tường');
    expect(row).toHaveTextContent('Đang dùng');
    // Once saved, the secret is gone from the page for good: the list never carries it.
    fireEvent.click(screen.getByTestId('token-secret-done'));
    expect(screen.queryByTestId('created-token')).toBeNull();
    expect(document.body.textContent).not.toContain(secret);
  });

  it('gives an ingest token no wall address', async () => {
    await openAdmin();
    fireEvent.change(screen.getByTestId('new-token-kind'), { target: { value: 'ingest' } });
    fireEvent.change(screen.getByTestId('new-token-label'), { target: { value: 'cổng-dvc' } });
    fireEvent.click(screen.getByTestId('create-token'));
    expect(await screen.findByTestId('token-secret')).toHaveValue('secret-tok-1-0123456789abcdef');
    expect(screen.queryByTestId('token-wall-url')).toBeNull();
    expect(rows('tokens-table')[0]).toHaveTextContent('Nguồn dữ liệu');
  });

  it('revokes a token after confirmation', async () => {
    auth.tokens.push({ id: 'tok-9', kind: 'ingest', label: 'cổng-dvc', createdAtMs: T0, revokedAtMs: null });
    await openAdmin();
    fireEvent.click(screen.getByTestId('revoke-token'));
    expect(screen.getByRole('group', { name: /^Thu hồi mã “cổng-dvc”/ })).toBeInTheDocument();
    expect(screen.getByTestId('revoke-token-confirm')).toHaveFocus();
    fireEvent.keyDown(screen.getByTestId('revoke-token-confirm'), { key: 'Escape' });
    expect(auth.tokens[0]!.revokedAtMs).toBeNull();
    fireEvent.click(screen.getByTestId('revoke-token'));
    fireEvent.click(screen.getByTestId('revoke-token-confirm'));
    await vi.waitFor(() => expect(rows('tokens-table')[0]).toHaveAttribute('data-revoked', 'true'));
    expect(rows('tokens-table')[0]).toHaveTextContent('Đã thu hồi 09:31');
    expect(screen.queryByTestId('revoke-token')).toBeNull();
    expect(rows('audit-table')[0]).toHaveTextContent('Thu hồi mã truy cập');
  });
});

describe('admin page: audit log', () => {
  it('shows the newest first, with Vietnamese labels and dates, and source strings as text', async () => {
    auth.audit.push(
      { id: 1, atMs: T0, actor: 'admin', action: 'login', target: 'admin', ip: '10.0.0.5' },
      { id: 2, atMs: T0 + 3_600_000, actor: 'op', action: 'alert_ack', target: 'sensor:wl-1@102', ip: null },
      {
        id: 3,
        atMs: T0 + 60_000,
        actor: '<img src=x onerror=alert(1)>',
        action: 'login_failed',
        target: 'x',
        ip: null,
      },
    );
    await openAdmin();
    const [first, second, third] = rows('audit-table');
    expect(first).toHaveTextContent('10:30:00 16/08/2021');
    expect(first).toHaveTextContent('Xác nhận cảnh báo');
    expect(second).toHaveTextContent('Đăng nhập thất bại');
    expect(second).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(second!.querySelector('img')).toBeNull();
    expect(third).toHaveTextContent('Đăng nhập');
    expect(third).toHaveTextContent('10.0.0.5');
    expect(auth.requests).toContain('GET /api/admin/audit');
  });
});

describe('admin page: access', () => {
  it('goes to the login page when the session has ended', async () => {
    auth.principal = null;
    render(<AdminRoute />);
    expect(await screen.findByTestId('admin-error')).toHaveTextContent('unauthorized');
    expect(go).toHaveBeenCalledWith('/login?next=%2Fadmin');
  });

  it('refuses an answer that does not follow the contract', async () => {
    server.use(http.get('*/api/admin/users', () => HttpResponse.json([{ username: 'x', role: 'root' }])));
    render(<AdminRoute />);
    expect(await screen.findByTestId('admin-error')).toHaveTextContent('invalid_answer');
    expect(screen.queryByTestId('users-table')).toBeNull();
  });
});
