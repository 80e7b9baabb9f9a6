import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAreaSetRegistry } from '../../geo/area-sets';
import { PILOT_UNITS } from '../../geo/pilot-units';
import { applyEvents } from '../../protocol/state/apply-events';
import type { MapViewProps } from '../../client/map/MapView';
import { AreaBreadcrumbs } from '../../client/features/operator/AreaBreadcrumbs';
import { KpiPanel } from '../../client/features/operator/KpiPanel';
import KpiReviewRoute from '../../client/features/kpi/KpiReviewRoute';
import { useReviewData } from '../../client/features/kpi/review.store';
import { focusFromUrl } from '../../client/store/ui.slice';
import { onlineSubmitted, sampleState, seedStore } from './fixtures';
import { server } from './msw-server';
import { reviewHandlers } from './kpi-review-handlers';

vi.mock('../../client/map/MapView', () => ({
  default: (p: MapViewProps) => <div data-testid="map-mock">{p.metric}</div>,
}));

const PILOT_NAMES = [
  'Xã thí điểm (H. Cần Giuộc)',
  'Xã thí điểm (H. Châu Thành)',
  'Phường thí điểm (TP. Tân An)',
  'Sở Thông tin và Truyền thông',
];

describe('the pilot units on / : picked like a district, their own figures beside the province', () => {
  it('offers the group in the area picker and shows the pilot commune with its own count', () => {
    const base = sampleState();
    // Two online dossiers filed in the Cần Giuộc pilot commune today.
    const events = [1, 2].map((i) => ({ ...onlineSubmitted(base.seq + i, '99101'), id: `pilot-${i}` }));
    seedStore(applyEvents(base, events, createAreaSetRegistry().rollup));
    render(
      <>
        <AreaBreadcrumbs />
        <KpiPanel />
      </>,
    );
    const group = screen.getByRole('group', { name: 'Đơn vị thí điểm chuyển đổi số' });
    expect(
      within(group)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(PILOT_NAMES);
    fireEvent.change(screen.getByTestId('area-picker'), { target: { value: '99101' } });
    expect(screen.getByTestId('kpi-column-area-99101')).toHaveTextContent('Xã thí điểm (H. Cần Giuộc)');
    expect(screen.getByTestId('kpi-area-99101-online-today-value')).toHaveTextContent('2');
    // The province beside it.
    expect(screen.getByTestId('kpi-column-province')).toHaveTextContent('Toàn tỉnh Long An');
    expect(window.location.search).toBe('?area=99101');
    expect(focusFromUrl('?area=99104')).toBe('99104');
  });
});

describe('the pilot units on /kpi', () => {
  beforeEach(() => server.use(...reviewHandlers));
  afterEach(() => useReviewData.getState().reset());

  it('lists the group in the area select and scopes the review to the Department', async () => {
    window.history.replaceState(null, '', '/kpi?p=2021-01-01..2021-09-30');
    render(<KpiReviewRoute />);
    await screen.findByTestId('review-tile-online-value');
    const group = within(screen.getByTestId('area-select')).getByRole('group', {
      name: 'Đơn vị thí điểm chuyển đổi số',
    });
    expect(
      within(group)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(PILOT_UNITS.map((u) => u.code));
    fireEvent.change(screen.getByTestId('area-select'), { target: { value: '99104' } });
    expect(await screen.findByTestId('review-scope')).toHaveTextContent('Sở Thông tin và Truyền thông ·');
    expect(new URLSearchParams(window.location.search).get('area')).toBe('99104');
    await screen.findByTestId('chart-online-monthly-summary');
    expect(screen.getByTestId('chart-online-monthly')).toHaveAttribute('data-area', '99104');
  });
});
