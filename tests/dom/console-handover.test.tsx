import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleScreen } from '../../client/features/console/ConsoleScreen';
import { useConsoleStore } from '../../client/features/console/console.store';
import type { Alert } from '../../protocol/state/alerts';
import { lateDossierAlert } from '../fixtures/alerts';
import { sampleState, seedStore } from './fixtures';

// fixtures' NOW_MS is 09:30 on 16/08/2021 (Vietnam time): the day shift began at 06:00.
const vn = (iso: string) => Date.parse(`${iso}+07:00`);

const late = (id: string, patch: Partial<Alert>): Alert =>
  lateDossierAlert(id, { raisedTsMs: vn('2021-08-16T08:00:00'), ...patch });

function seedAlerts(alerts: Alert[]) {
  const state = sampleState();
  seedStore({ ...state, alerts: { ...state.alerts, recent: alerts } });
}

beforeEach(() => {
  sessionStorage.setItem('ioc.operatorToken', 'op-token-0123456789');
  // The store's own initial state, so no field (a pick, an open form) leaks from one test into the next.
  useConsoleStore.setState({ ...useConsoleStore.getInitialState(), commands: null, operator: 'Trực ban A' });
});
afterEach(() => sessionStorage.clear());

describe('handover', () => {
  it('lists what is going on and what happened since 06:00, not a warning that ended in June 2020', () => {
    seedAlerts([
      late('old', { raisedTsMs: vn('2020-06-10T08:00:00'), clearedTsMs: vn('2020-06-10T17:00:00') }),
      late('now', {}),
    ]);
    render(<ConsoleScreen />);
    const summary = screen.getByTestId('handover-summary');
    expect(summary).toHaveAttribute('data-count', '1');
    expect(summary).toHaveTextContent('Bàn giao ca từ 06:00');
    expect(summary).toHaveTextContent('08:00');
    expect(summary).not.toHaveTextContent('2020');
  });

  it('copies Vietnamese text intact: precomposed (NFC), in the proportional font, never monospace', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    // A name typed on a keyboard that sends decomposed marks (NFD): "Nguyễn" as base letters plus combining marks.
    const assignee = 'Nguyễn Thị Hồng'.normalize('NFD');
    seedAlerts([
      late('now', {
        assignee,
        ack: {
          operator: 'Trần Văn Đức'.normalize('NFD'),
          comment: '',
          tsMs: vn('2021-08-16T08:10:00'),
          seq: 2,
        },
      }),
    ]);
    render(<ConsoleScreen />);
    const shown = screen.getByTestId('handover-text');
    expect(shown.tagName).not.toBe('PRE');
    expect(shown).toHaveClass('handover__text');
    fireEvent.click(screen.getByTestId('handover-copy'));
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const copied = (writeText.mock.calls[0] as unknown as [string])[0];
    const date = screen.getByTestId('handover-text').textContent!.match(/08:00 (.+?) ·/)![1]!;
    expect(copied).toBe(
      [
        `Bàn giao ca từ 06:00 ${date}: đang diễn ra và đã xảy ra trong ca`,
        `[CẢNH BÁO] 08:00 ${date} · Tân An · 12 hồ sơ giải quyết trễ hạn trong ngày tại Tân An → Nguyễn Thị Hồng (Trần Văn Đức đã xác nhận)`,
      ].join('\n'),
    );
    expect(copied).toBe(copied.normalize('NFC'));
    expect(copied).toContain('hồ sơ');
    expect(await screen.findByText('Đã sao chép')).toBeInTheDocument();
  });
});
