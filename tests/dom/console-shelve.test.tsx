import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleScreen } from '../../client/features/console/ConsoleScreen';
import { useConsoleStore } from '../../client/features/console/console.store';
import type { LiveCommands } from '../../client/net/live-commands';
import { lateAlert, seedAlerts } from './console-fixtures';
import { NOW_MS } from './fixtures';

let shelve: ReturnType<typeof vi.fn<LiveCommands['shelve']>>;
let unshelve: ReturnType<typeof vi.fn<LiveCommands['unshelve']>>;

beforeEach(() => {
  sessionStorage.setItem('ioc.operatorToken', 'op-token-0123456789');
  const logged = async () => ({ ok: true as const, data: { seq: 300, duplicate: false } });
  shelve = vi.fn<LiveCommands['shelve']>(logged);
  unshelve = vi.fn<LiveCommands['unshelve']>(logged);
  const commands: LiveCommands = {
    ack: vi.fn(logged),
    assign: vi.fn(),
    resolve: vi.fn(),
    shelve,
    unshelve,
    controlWalls: vi.fn(async (cmd) => ({ ok: true as const, data: cmd })),
  };
  // The store's own initial state, so no field (a pick, an open form) leaks from one test into the next.
  useConsoleStore.setState({ ...useConsoleStore.getInitialState(), commands, operator: 'Trực ban B' });
});
afterEach(() => sessionStorage.clear());

const openCards = () => within(screen.getByTestId('handover-list')).getAllByTestId('console-alert');
const shelvedBy = (who: string, reason: string, untilMs: number, seq = 90) => ({
  operator: who,
  comment: '',
  reason,
  untilMs,
  tsMs: NOW_MS - 60_000,
  seq,
});

describe('shelving from the console', () => {
  it('opens the form with `s`, sends alert:shelve with the reason and minutes on Enter, then holds the next alert', async () => {
    seedAlerts([lateAlert(1), lateAlert(2), lateAlert(3)]);
    render(<ConsoleScreen />);
    act(() => openCards()[1]!.focus());
    fireEvent.keyDown(openCards()[1]!, { key: 's' });
    const form = within(openCards()[1]!).getByTestId('shelve-form');
    const reason = within(form).getByTestId('shelve-reason');
    // The form takes the focus: the operator types the reason straight away.
    expect(document.activeElement).toBe(reason);
    const minutes = within(form).getByTestId<HTMLSelectElement>('shelve-minutes');
    expect([...minutes.options].map((o) => [o.value, o.text])).toEqual([
      ['30', '30 phút'],
      ['60', '1 giờ'],
      ['120', '2 giờ'],
      ['240', '4 giờ'],
      ['480', '8 giờ'],
    ]);
    // A letter typed in the reason is a letter, not a shortcut.
    fireEvent.keyDown(reason, { key: 'a' });
    fireEvent.change(reason, { target: { value: 'Trạm đang bảo trì' } });
    fireEvent.change(minutes, { target: { value: '240' } });
    fireEvent.submit(form);
    await vi.waitFor(() => expect(shelve).toHaveBeenCalledTimes(1));
    expect(shelve.mock.calls[0]![0]).toMatchObject({
      alertId: 'late:794@2',
      operator: 'Trực ban B',
      reason: 'Trạm đang bảo trì',
      minutes: 240,
    });
    await vi.waitFor(() => expect(document.activeElement).toBe(openCards()[2]));
    expect(screen.queryByTestId('shelve-form')).toBeNull();
  });

  it('sends nothing without a reason, closes with Escape, and opens from the button too', () => {
    seedAlerts([lateAlert(1), lateAlert(2)]);
    render(<ConsoleScreen />);
    act(() => openCards()[0]!.focus());
    fireEvent.keyDown(openCards()[0]!, { key: 's' });
    const form = screen.getByTestId('shelve-form');
    fireEvent.submit(form);
    expect(shelve).not.toHaveBeenCalled();
    fireEvent.keyDown(within(form).getByTestId('shelve-reason'), { key: 'Escape' });
    expect(screen.queryByTestId('shelve-form')).toBeNull();
    expect(document.activeElement).toBe(openCards()[0]);
    fireEvent.click(within(openCards()[0]!).getByTestId('alert-shelve'));
    expect(document.activeElement).toBe(screen.getByTestId('shelve-reason'));
  });

  it('offers no longer than the server said it accepts', async () => {
    shelve.mockResolvedValueOnce({ ok: false, error: 'invalid_payload', details: ['minutes: at most 120'] });
    seedAlerts([lateAlert(1)]);
    render(<ConsoleScreen />);
    act(() => openCards()[0]!.focus());
    fireEvent.keyDown(openCards()[0]!, { key: 's' });
    fireEvent.change(screen.getByTestId('shelve-reason'), { target: { value: 'Triều cường' } });
    fireEvent.change(screen.getByTestId('shelve-minutes'), { target: { value: '480' } });
    fireEvent.submit(screen.getByTestId('shelve-form'));
    expect(await screen.findByTestId('console-error')).toHaveTextContent('at most 120');
    const minutes = screen.getByTestId<HTMLSelectElement>('shelve-minutes');
    expect([...minutes.options].map((o) => Number(o.value))).toEqual([30, 60, 120]);
    expect(minutes.value).toBe('120');
    fireEvent.submit(screen.getByTestId('shelve-form'));
    await vi.waitFor(() => expect(shelve).toHaveBeenCalledTimes(2));
    expect(shelve.mock.calls[1]![0]).toMatchObject({ minutes: 120, reason: 'Triều cường' });
  });

  it('lists shelved alarms apart with who, why and until when, and unshelves them', async () => {
    const aside = {
      ...lateAlert(2),
      shelved: shelvedBy('Trực ban C', 'Chờ đội kỹ thuật', NOW_MS + 90 * 60_000),
    };
    const expired = { ...lateAlert(3), shelved: shelvedBy('Trực ban C', 'Hết hạn', NOW_MS - 60_000) };
    const returned = { ...lateAlert(4), clearedTsMs: NOW_MS - 120_000 };
    seedAlerts([lateAlert(1), aside, expired, returned]);
    render(<ConsoleScreen />);
    // An expired shelving is back on the open list; the returned-unacknowledged one sits apart.
    expect(openCards().map((c) => c.dataset.alertId)).toEqual(['late:794@1', 'late:794@3']);
    expect(screen.getByTestId('handover-list')).toHaveTextContent('Cảnh báo đang mở (2)');
    const back = screen.getByTestId('returned-list');
    expect(back).toHaveTextContent('Đã trở lại bình thường, chưa xác nhận (1)');
    expect(
      within(back)
        .getAllByTestId('console-alert')
        .map((c) => c.dataset.alertId),
    ).toEqual(['late:794@4']);

    const list = screen.getByTestId('shelved-list');
    expect(list).toHaveTextContent('Đang tạm gác (1)');
    const item = within(list).getByTestId('shelved-alert');
    expect(item).toHaveAttribute('data-alert-id', 'late:794@2');
    // 09:30 + 90 min on 16/08/2021, Vietnam time.
    expect(item).toHaveTextContent('Trực ban C tạm gác đến 11:00 Thứ Hai, 16/08/2021: Chờ đội kỹ thuật');
    fireEvent.click(within(item).getByTestId('alert-unshelve'));
    await vi.waitFor(() => expect(unshelve).toHaveBeenCalledTimes(1));
    expect(unshelve.mock.calls[0]![0]).toMatchObject({ alertId: 'late:794@2', operator: 'Trực ban B' });
  });
});
