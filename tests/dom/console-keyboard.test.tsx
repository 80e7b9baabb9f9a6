import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleScreen } from '../../client/features/console/ConsoleScreen';
import { useConsoleStore } from '../../client/features/console/console.store';
import { SHORTCUTS } from '../../client/features/console/shortcuts';
import type { LiveCommands } from '../../client/net/live-commands';
import { lateAlert, seedAlerts } from './console-fixtures';

let ack: ReturnType<typeof vi.fn<LiveCommands['ack']>>;

beforeEach(() => {
  sessionStorage.setItem('ioc.operatorToken', 'op-token-0123456789');
  ack = vi.fn<LiveCommands['ack']>(async () => ({ ok: true, data: { seq: 200, duplicate: false } }));
  const commands: LiveCommands = {
    ack,
    assign: vi.fn(),
    resolve: vi.fn(),
    shelve: vi.fn(),
    unshelve: vi.fn(),
    controlWalls: vi.fn(async (cmd) => ({ ok: true as const, data: cmd })),
  };
  // The store's own initial state, so no field (a pick, an open form) leaks from one test into the next.
  useConsoleStore.setState({ ...useConsoleStore.getInitialState(), commands, operator: 'Trực ban A' });
});
afterEach(() => sessionStorage.clear());

const cards = () => screen.getAllByTestId('console-alert');
const ids = (els: HTMLElement[]) => els.map((c) => c.getAttribute('data-alert-id'));

describe('console for keyboard-only use', () => {
  it('makes the alert list one tab stop and moves inside it with the arrow keys and j/k', () => {
    seedAlerts([lateAlert(1), lateAlert(2), lateAlert(3)]);
    render(<ConsoleScreen />);
    expect(ids(cards())).toEqual(['late:794@1', 'late:794@2', 'late:794@3']);
    expect(cards().map((c) => c.tabIndex)).toEqual([0, -1, -1]);
    // Only the alert in hand shows its actions: the others cost no Tab.
    expect(within(cards()[1]!).queryByTestId('alert-comment')).toBeNull();

    cards()[0]!.focus();
    fireEvent.keyDown(cards()[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cards()[1]);
    expect(cards().map((c) => c.tabIndex)).toEqual([-1, 0, -1]);
    fireEvent.keyDown(cards()[1]!, { key: 'j' });
    expect(document.activeElement).toBe(cards()[2]);
    // At the end it stays at the end.
    fireEvent.keyDown(cards()[2]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cards()[2]);
    fireEvent.keyDown(cards()[2]!, { key: 'k' });
    expect(document.activeElement).toBe(cards()[1]);
    expect(within(cards()[1]!).getByTestId('alert-comment')).toBeInTheDocument();
  });

  it('acknowledges with Enter in the comment field and then takes the next alert in hand', async () => {
    seedAlerts([lateAlert(1), lateAlert(2), lateAlert(3)]);
    render(<ConsoleScreen />);
    act(() => cards()[1]!.focus());
    // Enter on the card opens its details: focus goes to the comment field.
    fireEvent.keyDown(cards()[1]!, { key: 'Enter' });
    const comment = within(cards()[1]!).getByTestId('alert-comment');
    expect(document.activeElement).toBe(comment);
    fireEvent.change(comment, { target: { value: 'Đã gọi bộ phận một cửa' } });
    // A letter typed in the field is a letter, not the `a` shortcut.
    fireEvent.keyDown(comment, { key: 'a' });
    expect(ack).not.toHaveBeenCalled();
    fireEvent.submit(comment.closest('form')!);
    await vi.waitFor(() => expect(ack).toHaveBeenCalledTimes(1));
    expect(ack.mock.calls[0]![0]).toMatchObject({
      alertId: 'late:794@2',
      operator: 'Trực ban A',
      comment: 'Đã gọi bộ phận một cửa',
    });
    // Not back to the top: the alert after the one acknowledged.
    await vi.waitFor(() => expect(document.activeElement).toBe(cards()[2]));
    expect(cards()[2]).toHaveAttribute('data-selected', 'true');
  });

  it('acknowledges the alert in hand with `a`, and moves to the one before when it was the last', async () => {
    seedAlerts([lateAlert(1), lateAlert(2)]);
    render(<ConsoleScreen />);
    cards()[1]!.focus();
    fireEvent.keyDown(cards()[1]!, { key: 'a' });
    await vi.waitFor(() => expect(ack).toHaveBeenCalledTimes(1));
    expect(ack.mock.calls[0]![0]).toMatchObject({ alertId: 'late:794@2', comment: '' });
    await vi.waitFor(() => expect(document.activeElement).toBe(cards()[0]));
  });

  it('leaves focus where it is when the server refuses, and says why', async () => {
    ack.mockResolvedValueOnce({ ok: false, error: 'unknown_alert' });
    seedAlerts([lateAlert(1), lateAlert(2)]);
    render(<ConsoleScreen />);
    cards()[0]!.focus();
    fireEvent.keyDown(cards()[0]!, { key: 'a' });
    expect(await screen.findByTestId('console-error')).toHaveTextContent('unknown_alert');
    expect(document.activeElement).toBe(cards()[0]);
  });

  it('hands `s` to the shelving hook, and says so while there is none', () => {
    seedAlerts([lateAlert(1), lateAlert(2)]);
    render(<ConsoleScreen />);
    // The console registers its shelve form; without one, `s` says so rather than doing nothing.
    act(() => useConsoleStore.getState().setShelve(null));
    cards()[0]!.focus();
    fireEvent.keyDown(cards()[0]!, { key: 's' });
    expect(screen.getByTestId('console-error')).toHaveTextContent('Tạm gác cảnh báo chưa có');
    const shelve = vi.fn();
    act(() => useConsoleStore.getState().setShelve(shelve));
    fireEvent.keyDown(cards()[0]!, { key: 's' });
    expect(shelve).toHaveBeenCalledWith(expect.objectContaining({ id: 'late:794@1' }));
  });

  it('shows every shortcut of the table with `?` and closes with Escape', () => {
    seedAlerts([lateAlert(1)]);
    render(<ConsoleScreen />);
    expect(screen.queryByTestId('shortcut-help')).toBeNull();
    fireEvent.keyDown(document.body, { key: '?' });
    const help = screen.getByTestId('shortcut-help');
    for (const s of SHORTCUTS)
      expect(within(help).getByTestId(`shortcut-row-${s.action}`)).toBeInTheDocument();
    expect(help).toHaveTextContent('Xác nhận cảnh báo đang chọn');
    expect(document.activeElement?.closest('[data-testid="shortcut-help"]')).toBe(help);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('shortcut-help')).toBeNull();
    // `?` typed in a comment is a question mark.
    fireEvent.keyDown(screen.getByTestId('alert-comment'), { key: '?' });
    expect(screen.queryByTestId('shortcut-help')).toBeNull();
  });

  it('skips to the wall remote from the first tab stop', () => {
    seedAlerts([lateAlert(1)]);
    render(<ConsoleScreen />);
    const skip = screen.getByTestId('skip-to-wall-remote');
    expect(skip).toHaveTextContent('Chuyển đến điều khiển màn hình tường');
    fireEvent.click(skip);
    expect(document.activeElement).toBe(screen.getByTestId('wall-remote'));
  });
});
