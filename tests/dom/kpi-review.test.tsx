import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapViewProps } from '../../client/map/MapView';
import KpiReviewRoute from '../../client/features/kpi/KpiReviewRoute';
import { useReviewData } from '../../client/features/kpi/review.store';
import { server } from './msw-server';
import { periodBody, reviewHandlers } from './kpi-review-handlers';

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
    // Level 4 on the resolution's base, the eligible services (seed: 100 % in 2021, beyond the 35 % target),
    // and beside it the share of every procedure of the catalogue.
    expect(screen.getByTestId('review-tile-level4-value')).toHaveTextContent('100,00 %');
    expect(screen.getByTestId('review-tile-level4')).toHaveTextContent(
      '1.421/1.421 dịch vụ đủ điều kiện, năm 2021; mục tiêu 2021: 35,00 %, đã đạt',
    );
    expect(screen.getByTestId('review-tile-level4All-value')).toHaveTextContent('76,40 %');
    expect(screen.getByTestId('review-tile-level4All')).toHaveTextContent('1.421/1.860 thủ tục, năm 2021');
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

  it('shows the province’s own report beside its simulated districts’ sum and the remainder', async () => {
    const reconciliation = {
      cases: 5_473,
      childrenCases: 9_500,
      unallocatedCases: -4_027,
      childrenSimulated: true,
      provenance: { sources: { 'csv-import': 31 }, superseded: {}, corrected: 0 },
    };
    server.use(
      http.get('*/api/kpis/period', ({ request }) => {
        const p = new URL(request.url).searchParams;
        const body = periodBody(p.get('area')!, p.get('from')!, p.get('to')!);
        return HttpResponse.json({
          ...body,
          covidReconciliation: body.area === '80' ? reconciliation : null,
        });
      }),
    );
    open(JAN_SEP);
    const box = await screen.findByTestId('covid-remainder');
    // The period's cases, not those to date: the title says which.
    expect(box).toHaveTextContent('Đối chiếu với các huyện (ca mắc trong kỳ)');
    expect(box).toHaveTextContent('Toàn tỉnh Long An (báo cáo riêng)');
    expect(screen.getByTestId('covid-remainder-own')).toHaveTextContent('5.473');
    expect(box).toHaveTextContent('Tổng các huyện (số liệu mô phỏng)');
    expect(screen.getByTestId('covid-remainder-children')).toHaveTextContent('9.500');
    expect(box).toHaveTextContent('Chưa phân bổ theo huyện');
    expect(screen.getByTestId('covid-remainder-unallocated').textContent).toMatch(/^[-−]4\.027$/);
    // A district has no district below it: nothing to reconcile, nothing drawn.
    fireEvent.change(screen.getByTestId('area-select'), { target: { value: '794' } });
    expect(await screen.findByText('12.345')).toBeInTheDocument();
    expect(screen.queryByTestId('covid-remainder')).toBeNull();
  });

  it('opens a figure’s provenance: formula, stream, events behind it, last event', async () => {
    open(JAN_SEP);
    fireEvent.click(await screen.findByTestId('review-tile-online-why'));
    const prov = screen.getByTestId('review-tile-online-provenance');
    // The formula in the UI's language, not the API catalogue's English (client/i18n/formulas.ts).
    expect(prov).toHaveTextContent('số sự kiện hồ sơ được tiếp nhận qua kênh trực tuyến');
    expect(prov).not.toHaveTextContent('formula of');
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
    // 1.421 of the 1.421 eligible services in 2021: the 2025 target is already met, no forecast needed.
    expect(await screen.findByTestId('target-level4-status')).toHaveTextContent(/^Đã đạt$/);
    expect(screen.getByTestId('target-level4')).toHaveTextContent('100,00 % (2021)');
    expect(screen.getByTestId('target-level4')).toHaveTextContent('mục tiêu 2021: 35,00 %');
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

describe('a review period in progress', () => {
  beforeEach(() => server.use(...reviewHandlers));
  afterEach(() => useReviewData.getState().reset());

  it('labels the current year "to date" and compares it with the same span of the year before', async () => {
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => void asked.push(decodeURIComponent(request.url)));
    // The review's now is 01/10/2021 08:00.
    open('/kpi?p=2021&cmp=previous');
    expect(await screen.findByTestId('review-tile-online-value')).toHaveTextContent('77.769');
    const scope = screen.getByTestId('review-scope');
    expect(scope).toHaveTextContent(
      'Toàn tỉnh Long An · 01/01/2021 – đến 01/10 · so với 01/01/2020 – đến 01/10',
    );
    expect(scope).not.toHaveTextContent('31/12/2021');
    expect(screen.getByTestId('scorecard-to-date')).toHaveTextContent(
      'Kỳ chưa kết thúc: số liệu đến 08:00 Thứ Sáu, 01/10/2021',
    );
    // 2020 until 01/10 08:00, not the whole of 2020.
    expect(asked).toContain(
      `${location.origin}/api/kpis/period?area=80&from=2020-01-01T00:00:00+07:00&to=2020-10-01T08:00:00+07:00`,
    );
    server.events.removeAllListeners();
  });

  it('colours a change by whether it is good for the KPI, and says it in words', async () => {
    server.use(
      http.get('*/api/kpis/period', ({ request }) => {
        const q = Object.fromEntries(new URL(request.url).searchParams);
        const body = periodBody(q.area!, q.from!, q.to!);
        // The period compared with had fewer late dossiers and fewer online ones.
        if (q.from!.startsWith('2020')) {
          body.kpis['dossier.late_resolved'] = { ...body.kpis['dossier.late_resolved'], value: 50 };
          body.kpis['dossier.online_submitted'] = { ...body.kpis['dossier.online_submitted'], value: 70_000 };
        }
        return HttpResponse.json(body);
      }),
    );
    open(`${JAN_SEP}&cmp=yoy`);
    const late = await screen.findByTestId('review-tile-late-delta');
    expect(late).toHaveAttribute('data-verdict', 'worse');
    expect(late).toHaveTextContent('+100,0 % so với kỳ so sánh · xấu hơn');
    expect(screen.getByTestId('review-tile-online-delta')).toHaveAttribute('data-verdict', 'better');
    expect(screen.getByTestId('review-tile-online-delta')).toHaveTextContent('tốt hơn');
  });

  it('says "to DD/MM" in English', async () => {
    open('/kpi?p=2021&lang=en');
    expect(await screen.findByTestId('review-tile-online-value')).toHaveTextContent('77,769');
    expect(screen.getByTestId('review-scope')).toHaveTextContent('01/01/2021 – to 01/10');
    expect(screen.getByTestId('scorecard-to-date')).toHaveTextContent('Period in progress: figures to 08:00');
  });

  it('names the month in progress on a chart as to date, not as a month of 100 %', async () => {
    open('/kpi?p=2021-10');
    expect(await screen.findByTestId('review-scope')).toHaveTextContent('01/10/2021 – đến 01/10');
    const summary = await screen.findByTestId('chart-online-share-summary');
    expect(summary).toHaveTextContent('10/2021 (đến 01/10, chưa trọn kỳ): 100,00 %');
  });
});
