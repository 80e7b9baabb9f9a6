import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapViewProps } from '../../client/map/MapView';
import KpiReviewRoute from '../../client/features/kpi/KpiReviewRoute';
import { useReviewData } from '../../client/features/kpi/review.store';
import { server } from './msw-server';
import { reviewHandlers } from './kpi-review-handlers';

// jsdom has no WebGL: the map is replaced at its module boundary and shows the values it was given.
vi.mock('../../client/map/MapView', () => ({
  default: (p: MapViewProps) => (
    <div data-testid="map-mock">
      {p.metric}:{p.values['794']}
    </div>
  ),
}));

const JAN_SEP = '/kpi?p=2021-01-01..2021-09-30';

function open(url: string) {
  window.history.replaceState(null, '', url);
  return render(<KpiReviewRoute />);
}

const search = () => new URLSearchParams(window.location.search);

describe('leaders’ KPI review', () => {
  beforeEach(() => server.use(...reviewHandlers));
  afterEach(() => useReviewData.getState().reset());

  it('shows the period’s scorecard in Vietnamese formats, with the reference figures', async () => {
    open(JAN_SEP);
    expect(await screen.findByTestId('review-tile-online-value')).toHaveTextContent('77.769');
    expect(screen.getByTestId('review-tile-onTime-value')).toHaveTextContent('99,00 %');
    expect(screen.getByTestId('review-tile-par-value')).toHaveTextContent('86,25 %');
    expect(screen.getByTestId('review-tile-par')).toHaveTextContent('hạng 7/63');
    expect(screen.getByTestId('review-tile-level4-value')).toHaveTextContent('76,40 %');
    expect(screen.getByTestId('review-tile-dueSoon-value')).toHaveTextContent('42');
    expect(screen.getByTestId('review-scope')).toHaveTextContent(
      'Toàn tỉnh Long An · 01/01/2021 – 30/09/2021',
    );
    // The whole state is written back, defaults included, so the link says everything.
    expect(Object.fromEntries(search())).toEqual({
      p: '2021-01-01..2021-09-30',
      area: '80',
      cmp: 'none',
      rank: 'dossier.online_submitted',
    });
  });

  it('switches every tile and chart to Tân An, and says so in the URL', async () => {
    open(JAN_SEP);
    await screen.findByTestId('review-tile-online-value');
    fireEvent.change(screen.getByTestId('area-select'), { target: { value: '794' } });
    expect(await screen.findByText('12.345')).toBeInTheDocument();
    expect(screen.getByTestId('review-tile-onTime-value')).toHaveTextContent('98,50 %');
    expect(search().get('area')).toBe('794');
    await screen.findByTestId('chart-online-monthly-summary');
    for (const id of ['online-monthly', 'online-yearly', 'online-share', 'postal-lockdown', 'covid-daily'])
      expect(screen.getByTestId(`chart-${id}`)).toHaveAttribute('data-area', '794');
    expect(screen.getByTestId('covid-new_cases')).toHaveTextContent('3.210');
  });

  it('opens a figure’s provenance: formula, stream, events behind it, last event', async () => {
    open(JAN_SEP);
    fireEvent.click(await screen.findByTestId('review-tile-online-why'));
    const prov = screen.getByTestId('review-tile-online-provenance');
    expect(prov).toHaveTextContent('formula of dossier.online_submitted');
    expect(prov).toHaveTextContent('dossier · dossier.online_submitted');
    expect(within(prov).getByTestId('review-tile-online-events')).toHaveTextContent('77.769');
    expect(prov).toHaveTextContent('30/09/2021 16:45:00');
    expect(search().get('why')).toBe('online');
  });

  it('compares with the same period a year earlier', async () => {
    open(`${JAN_SEP}&cmp=yoy`);
    expect(await screen.findByTestId('review-tile-online-delta')).toHaveTextContent(
      '+0,0 % so với kỳ so sánh',
    );
    expect(screen.getByTestId('review-scope')).toHaveTextContent('so với 01/01/2020 – 30/09/2020');
  });

  it('says the 2025 targets it has no data for instead of inventing them', async () => {
    open(JAN_SEP);
    expect(await screen.findByTestId('target-level4-status')).toHaveTextContent('Đúng tiến độ');
    for (const id of ['warehouse', 'digitalEconomy', 'fibre', 'mobile', 'dxIndex'])
      expect(screen.getByTestId(`target-${id}-status`)).toHaveTextContent('Chưa có số liệu');
    expect(screen.getByTestId('targets-method')).toHaveTextContent('bình phương tối thiểu');
  });

  it('explains a failing API instead of drawing an empty chart', async () => {
    server.use(
      http.get('*/api/kpis/period', () => HttpResponse.json({ error: 'internal' }, { status: 500 })),
      http.get('*/api/series', () => HttpResponse.json({ error: 'internal' }, { status: 500 })),
    );
    open(JAN_SEP);
    expect(await screen.findByTestId('scorecard-error')).toHaveTextContent(
      'Không tải được số liệu: /api/kpis/period?area=80&from=2021-01-01&to=2021-10-01: HTTP 500 internal',
    );
    const chart = screen.getByTestId('chart-online-monthly');
    expect(await within(chart).findByRole('alert')).toHaveTextContent('HTTP 500 internal');
    expect(chart.querySelector('svg')).toBeNull();
    expect(within(chart).getByTestId('chart-online-monthly-csv')).toBeDisabled();
  });

  it('shows a loading state while the server is slow', async () => {
    server.use(
      http.get('*/api/series', async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    open(JAN_SEP);
    expect(await screen.findByTestId('chart-online-monthly-loading')).toHaveTextContent('Đang tải số liệu…');
    expect(await screen.findByTestId('review-tile-online-value')).toHaveTextContent('77.769');
  });

  it('exports the data a chart shows as CSV', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:csv'));
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    open(JAN_SEP);
    await screen.findByTestId('chart-online-monthly-summary');
    await act(async () => fireEvent.click(screen.getByTestId('chart-online-monthly-csv')));
    const anchor = click.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('online-monthly_80_2019-01-01_2021-11-01.csv');
    const csv = (await blobs[0]!.text()).replace(/^\ufeff/, '').split('\r\n');
    expect(csv[0]).toBe('t,dossier.online_submitted@80,dossier.online_submitted@794');
    expect(csv[1]).toBe('2019-01-01,2880,457');
    expect(csv).toHaveLength(1 + 34 + 1);
    click.mockRestore();
  });
});
