import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleScreen } from '../../client/features/console/ConsoleScreen';
import { useConsoleStore } from '../../client/features/console/console.store';
import type { LiveCommands } from '../../client/net/live-commands';
import type { Alert } from '../../protocol/state/alerts';
import { lateDossierAlert } from '../fixtures/alerts';
import { lateAlert, seedAlerts } from './console-fixtures';
import { NOW_MS } from './fixtures';

let shelve: ReturnType<typeof vi.fn<LiveCommands['shelve']>>;

/** A water-level alarm at one gauge, `n` minutes old (newest first on screen, like `lateAlert`). */
const tideAlert = (n: number): Alert =>
  lateDossierAlert(`sensor:LA-WL-79${n}-01@${n}`, {
    key: `sensor:LA-WL-79${n}-01`,
    rule: 'sensor-threshold',
    kind: 'water_level',
    siteId: `LA-WL-79${n}-01`,
    value: 1.65,
    threshold: 1.6,
    unit: 'm',
    raisedSeq: n,
    raisedTsMs: NOW_MS - n * 60_000,
  });

beforeEach(() => {
  sessionStorage.setItem('ioc.operatorToken', 'op-token-0123456789');
  shelve = vi.fn<LiveCommands['shelve']>(async () => ({
    ok: true as const,
    data: { seq: 300, duplicate: false },
  }));
  const commands: LiveCommands = {
    ack: vi.fn(),
    assign: vi.fn(),
    resolve: vi.fn(),
    shelve,
    unshelve: vi.fn(),
    controlWalls: vi.fn(async (cmd) => ({ ok: true as const, data: cmd })),
  };
  // The store's own initial state, so no field (a pick, an open form) leaks from one test into the next.
  useConsoleStore.setState({ ...useConsoleStore.getInitialState(), commands, operator: 'Trực ban B' });
});
afterEach(() => sessionStorage.clear());

const openCards = () => within(screen.getByTestId('handover-list')).getAllByTestId('console-alert');
const key = (el: HTMLElement, k: string) => fireEvent.keyDown(el, { key: k });

describe('shelving several alarms at once', () => {
  it('picks with `x`, goes to the form with `b`, and shelves each picked alarm with one reason and expiry', async () => {
    seedAlerts([lateAlert(1), lateAlert(2), lateAlert(3)]);
    render(<ConsoleScreen />);
    act(() => openCards()[0]!.focus());
    key(openCards()[0]!, 'x');
    key(openCards()[0]!, 'ArrowDown');
    key(openCards()[1]!, 'ArrowDown');
    key(openCards()[2]!, 'x');
    expect(openCards().map((c) => c.dataset.picked)).toEqual(['true', 'false', 'true']);
    // The list is still one tab stop: the pick boxes are for the mouse, the keyboard has `x`.
    const boxes = within(screen.getByTestId('handover-list')).getAllByTestId('alert-pick');
    expect(boxes.map((b) => b.tabIndex)).toEqual([-1, -1, -1]);
    const form = screen.getByTestId('bulk-shelve');
    expect(within(form).getByTestId('bulk-count')).toHaveTextContent('Đã chọn 2 cảnh báo');

    key(openCards()[2]!, 'b');
    const reason = within(form).getByTestId('bulk-reason');
    await vi.waitFor(() => expect(document.activeElement).toBe(reason));
    fireEvent.change(reason, { target: { value: 'Đã báo Sở Nội vụ, chờ xử lý' } });
    fireEvent.change(within(form).getByTestId('bulk-minutes'), { target: { value: '120' } });
    expect(within(form).getByTestId('bulk-submit')).toHaveTextContent('Tạm gác 2 cảnh báo');
    fireEvent.submit(form);

    await vi.waitFor(() => expect(shelve).toHaveBeenCalledTimes(2));
    // One command per alarm, each with its own request id: the server logs and audits every alarm on its own.
    const sent = shelve.mock.calls.map(([cmd]) => cmd);
    expect(sent.map((c) => c.alertId).sort()).toEqual(['late:794@1', 'late:794@3']);
    for (const c of sent)
      expect(c).toMatchObject({
        operator: 'Trực ban B',
        reason: 'Đã báo Sở Nội vụ, chờ xử lý',
        minutes: 120,
      });
    expect(new Set(sent.map((c) => c.requestId)).size).toBe(2);
    expect(await screen.findByTestId('bulk-outcome')).toHaveTextContent('Đã tạm gác 2 cảnh báo.');
    expect(useConsoleStore.getState().picked).toEqual([]);
    // Back to the list: the alert in hand was shelved, so on the first one still open.
    await vi.waitFor(() => expect(document.activeElement).toBe(openCards()[1]));
    expect(useConsoleStore.getState().selectedId).toBe('late:794@2');
  });

  it('`g` picks the whole group: every open alarm of the same rule and kind as the one in hand', () => {
    seedAlerts([tideAlert(1), lateAlert(2), tideAlert(3), tideAlert(4)]);
    render(<ConsoleScreen />);
    act(() => openCards()[0]!.focus());
    key(openCards()[0]!, 'g');
    expect(useConsoleStore.getState().picked.sort()).toEqual([
      'sensor:LA-WL-791-01@1',
      'sensor:LA-WL-793-01@3',
      'sensor:LA-WL-794-01@4',
    ]);
    expect(screen.getByTestId('bulk-count')).toHaveTextContent('Đã chọn 3 cảnh báo');
    // `x` on a picked one takes it out again.
    key(openCards()[0]!, 'x');
    expect(screen.getByTestId('bulk-count')).toHaveTextContent('Đã chọn 2 cảnh báo');
  });

  it('says which were refused and keeps them picked', async () => {
    shelve.mockImplementation(async (cmd) =>
      cmd.alertId === 'late:794@2'
        ? { ok: false as const, error: 'unknown_alert' }
        : { ok: true as const, data: { seq: 301, duplicate: false } },
    );
    seedAlerts([lateAlert(1), lateAlert(2)]);
    render(<ConsoleScreen />);
    act(() => openCards()[0]!.focus());
    key(openCards()[0]!, 'x');
    key(openCards()[0]!, 'ArrowDown');
    key(openCards()[1]!, 'x');
    const form = screen.getByTestId('bulk-shelve');
    // Without a reason nothing is sent (the audit must say why); with one, both go.
    fireEvent.submit(form);
    expect(shelve).not.toHaveBeenCalled();
    fireEvent.change(within(form).getByTestId('bulk-reason'), { target: { value: 'Bảo trì' } });
    fireEvent.submit(form);
    expect(await screen.findByTestId('bulk-outcome')).toHaveTextContent(
      'Đã tạm gác 1/2 cảnh báo; máy chủ không nhận 1: unknown_alert',
    );
    expect(useConsoleStore.getState().picked).toEqual(['late:794@2']);
  });
});
