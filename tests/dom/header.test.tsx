import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Header } from '../../client/features/operator/Header';
import { ProtocolBanner } from '../../client/features/operator/ProtocolBanner';
import { useStore } from '../../client/store/store';
import { NOW_MS } from './fixtures';

afterEach(() => vi.useRealTimers());

describe('header', () => {
  it('shows the product name', () => {
    render(<Header />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Long An IOC — Trung tâm điều hành thông minh',
    );
  });

  it('shows scenario date and time in Vietnam time, and runs it on between ticks at the tick speed', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    useStore.getState().setClock({ nowMs: NOW_MS, speed: 60 }, Date.now());
    render(<Header />);
    const clock = screen.getByTestId('scenario-clock');
    expect(clock).toHaveTextContent('Giờ kịch bản');
    expect(clock).toHaveTextContent('16/08/2021');
    expect(clock).toHaveTextContent('09:30:00');
    expect(clock).toHaveTextContent('×60');
    // Two real seconds at ×60 are two scenario minutes, with no tick in between.
    act(() => vi.advanceTimersByTime(2000));
    expect(clock).toHaveTextContent('09:32:00');
  });

  it('waits visibly for the first clock tick', () => {
    render(<Header />);
    expect(screen.getByTestId('scenario-clock')).toHaveTextContent('Đang chờ đồng hồ');
  });

  it.each([
    ['live', 'TRỰC TIẾP'],
    ['reconnecting', 'ĐANG KẾT NỐI LẠI'],
    ['offline', 'MẤT KẾT NỐI'],
  ] as const)('shows connection %s in Vietnamese with its code as data-state', (state, label) => {
    useStore.getState().setConnection(state);
    render(<Header />);
    const badge = screen.getByTestId('connection-status');
    expect(badge).toHaveAttribute('data-state', state);
    expect(badge).toHaveTextContent(label);
  });

  it('switches language with the VI/EN buttons', () => {
    useStore.getState().setConnection('live');
    render(<Header />);
    fireEvent.click(screen.getByRole('button', { name: 'EN' }));
    expect(screen.getByTestId('connection-status')).toHaveTextContent('LIVE');
    expect(screen.getByRole('button', { name: 'EN' })).toHaveAttribute('aria-pressed', 'true');
  });
});

describe('protocol mismatch banner', () => {
  it('is absent while the protocol matches', () => {
    render(<ProtocolBanner />);
    expect(screen.queryByTestId('reload-banner')).toBeNull();
  });

  it('asks, in Vietnamese, to reload and reloads on the button', () => {
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    useStore.getState().setMismatch({ reason: 'client_too_old', serverVersion: 2 });
    render(<ProtocolBanner />);
    expect(screen.getByTestId('reload-banner')).toHaveTextContent('phiên bản mới');
    expect(useStore.getState().connection).toBe('offline');
    fireEvent.click(screen.getByRole('button', { name: 'Tải lại trang' }));
    expect(reload).toHaveBeenCalledOnce();
    vi.unstubAllGlobals();
  });
});
