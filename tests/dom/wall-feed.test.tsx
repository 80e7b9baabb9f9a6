import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlertFeed } from '../../client/features/wall/AlertFeed';
import { fitChildren } from '../../client/features/wall/use-fit-children';
import type { Alert } from '../../protocol/state/alerts';
import { lateDossierAlert } from '../fixtures/alerts';
import { NOW_MS, sampleState, seedStore } from './fixtures';

const MIN = 60_000;

/** An older critical alarm nobody has acknowledged, then seven newer low ones that ended unacknowledged. */
function feedState(extra: Alert[] = []) {
  const state = sampleState();
  const critical = lateDossierAlert('critical-old', {
    severity: 'critical',
    priority: 'critical',
    raisedTsMs: NOW_MS - 90 * MIN,
  });
  const lows = Array.from({ length: 7 }, (_, i) =>
    lateDossierAlert(`low-${i}`, { raisedTsMs: NOW_MS - (60 - i) * MIN, clearedTsMs: NOW_MS - 5 * MIN }),
  );
  state.alerts = { ...state.alerts, recent: [critical, ...lows, ...extra] };
  return state;
}

const rows = () => screen.getAllByTestId('alert-item');

afterEach(() => vi.restoreAllMocks());

describe("the wall's alert feed: what the heading counts is what it shows first", () => {
  it('lists the critical alarm waiting for an operator above newer alerts that need nothing', () => {
    seedStore(feedState());
    render(<AlertFeed takeover={false} />);
    expect(screen.getByTestId('critical-waiting')).toHaveTextContent('1 cảnh báo khẩn chờ xác nhận');
    expect(rows()[0]).toHaveAttribute('data-alert-id', 'critical-old');
    // Then the rest, newest first.
    expect(rows()[1]).toHaveAttribute('data-alert-id', 'low-6');
  });

  it('orders what needs action by priority, then by time, ahead of the rest', () => {
    const high = lateDossierAlert('high-open', { priority: 'high', raisedTsMs: NOW_MS - 80 * MIN });
    const medium = lateDossierAlert('medium-open', { priority: 'medium', raisedTsMs: NOW_MS - 2 * MIN });
    seedStore(feedState([high, medium]));
    render(<AlertFeed takeover={false} />);
    expect(rows().map((r) => r.getAttribute('data-alert-id'))).toEqual([
      'critical-old',
      'high-open',
      'medium-open',
      'low-6',
      'low-5',
      'low-4',
    ]);
  });

  it('keeps the counted alarm among the rows that fit when only two rows fit the feed', () => {
    seedStore(feedState());
    render(<AlertFeed takeover={false} />);
    const list = within(screen.getByTestId('alert-feed')).getByRole('list');
    // A feed with room for two 100 px rows: jsdom lays nothing out, so the boxes are given.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const i = Array.from(list.children).indexOf(this);
      const top = i < 0 ? 0 : i * 100;
      const bottom = i < 0 ? 250 : top + 100;
      return { top, bottom, left: 0, right: 500, width: 500, height: bottom - top, x: 0, y: top } as DOMRect;
    });
    fitChildren(list);
    const shown = rows().filter((r) => !r.hidden);
    expect(shown).toHaveLength(2);
    expect(shown.filter((r) => r.getAttribute('data-priority') === 'critical')).toHaveLength(1);
  });
});
