import { fireEvent, render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublicAreas, PublicCovid, PublicDossier, PublicSummary } from '../../protocol';
import PublicRoute from '../../client/features/public/PublicRoute';
import type { PublicMapProps } from '../../client/features/public/PublicMap';
import { resetPublicStore } from '../../client/features/public/public.store';
import { codeFromScan } from '../../client/features/public/dossier-code';
import { server } from './msw-server';

// jsdom has no WebGL: the map is replaced at its module boundary and shows what it was given.
vi.mock('../../client/features/public/PublicMap', () => ({
  default: (p: PublicMapProps) => (
    <div data-testid="map-mock">
      {p.covid?.districts.map((d) => `${d.code}:${d.epidemicLevel}`).join(',')}
    </div>
  ),
}));

const SUMMARY: PublicSummary = {
  generatedAtMs: 0,
  asOfMs: Date.parse('2021-08-16T10:00:00+07:00'),
  lastUpdate: { dossierMs: Date.parse('2021-08-16T09:58:00+07:00'), covidMs: null },
  month: {
    fromDay: '2021-08-01',
    toDay: '2021-08-17',
    submitted: 9000,
    onlineSubmitted: 7769,
    resolved: 8000,
    onTimeRate: 0.99,
  },
  year: {
    fromDay: '2021-01-01',
    toDay: '2021-08-17',
    submitted: 90000,
    onlineSubmitted: 77769,
    resolved: 80000,
    onTimeRate: 0.8625,
  },
};
const area = (code: string, name: string, epidemicLevel: number, newCasesLastDate: number) => ({
  code,
  name,
  epidemicLevel,
  newCasesLastDate,
  cumulativeCases: 1000,
  recovered: 10,
  deaths: 1,
  vaccineDoses: 5,
  lastDate: '2021-08-15',
  simulated: false,
});
const COVID: PublicCovid = {
  generatedAtMs: 0,
  asOfMs: 0,
  province: area('80', 'Long An', 4, 557),
  districts: [area('794', 'Tân An', 3, 23), area('802', 'Đức Hòa', 4, 168)],
  reconciliation: null,
};
const AREAS: PublicAreas = { type: 'FeatureCollection', features: [] };
const CODE = '000.00.39.H38-210801-0042';
const DOSSIER: PublicDossier = {
  code: CODE,
  procedure: 'Đăng ký khai sinh',
  agency: 'UBND Phường 1',
  status: 'resolved_late',
  steps: [
    { step: 'received', atMs: Date.parse('2021-08-01T09:00:00+07:00'), channel: 'postal' },
    {
      step: 'in_progress',
      atMs: Date.parse('2021-08-01T09:00:00+07:00'),
      dueMs: Date.parse('2021-08-03T17:00:00+07:00'),
    },
    { step: 'resolved', atMs: Date.parse('2021-08-04T10:00:00+07:00'), onTime: false },
  ],
};

function serve(lookup: Parameters<typeof http.get>[1]) {
  server.use(
    http.get('*/api/public/summary', () => HttpResponse.json(SUMMARY)),
    http.get('*/api/public/covid', () => HttpResponse.json(COVID)),
    http.get('*/api/public/areas', () => HttpResponse.json(AREAS)),
    http.get('*/api/public/dossiers/:code', lookup),
  );
}
afterEach(resetPublicStore);

async function lookUp(code: string) {
  render(<PublicRoute />);
  fireEvent.change(screen.getByTestId('dossier-code-input'), { target: { value: code } });
  fireEvent.click(screen.getByTestId('dossier-submit'));
}

describe('public page', () => {
  it('shows the figures in Vietnamese formats, the districts and the last update', async () => {
    serve(() => HttpResponse.json(DOSSIER));
    render(<PublicRoute />);
    expect(await screen.findByTestId('public-online-year')).toHaveTextContent('77.769');
    expect(screen.getByTestId('public-on-time')).toHaveTextContent('86,25 %');
    expect(screen.getByTestId('public-updated')).toHaveTextContent('Cập nhật lúc 09:58');
    // This month and this year are in progress: each label says up to when.
    expect(screen.getByTestId('public-figures')).toHaveTextContent(
      'Hồ sơ trực tuyến tháng 08/2021 (đến 16/08)',
    );
    expect(screen.getByTestId('public-figures')).toHaveTextContent('Hồ sơ trực tuyến năm 2021 (đến 16/08)');
    expect(await screen.findByTestId('map-mock')).toHaveTextContent('794:3,802:4');
    // Highest level first: Đức Hòa (4) before Tân An (3).
    const rows = screen.getByTestId('public-covid-table').querySelectorAll('tbody tr');
    expect([...rows].map((r) => r.querySelector('td')!.textContent)).toEqual(['Đức Hòa', 'Tân An']);
  });

  it('shows the province’s report beside its districts’ sum, the remainder and the simulated districts', async () => {
    serve(() => HttpResponse.json(DOSSIER));
    // Prepended to serve()'s handlers, so it answers first.
    server.use(
      http.get('*/api/public/covid', () =>
        HttpResponse.json({
          ...COVID,
          districts: [{ ...COVID.districts[0]!, simulated: true }, COVID.districts[1]!],
          reconciliation: {
            cases: 5_473,
            districtsCases: 9_500,
            unallocatedCases: -4_027,
            districtsSimulated: true,
          },
        } satisfies PublicCovid),
      ),
    );
    render(<PublicRoute />);
    const box = await screen.findByTestId('covid-remainder');
    expect(box).toHaveTextContent('Long An (báo cáo riêng)');
    expect(screen.getByTestId('covid-remainder-own')).toHaveTextContent('5.473');
    expect(box).toHaveTextContent('Tổng các huyện (số liệu mô phỏng)');
    expect(screen.getByTestId('covid-remainder-children')).toHaveTextContent('9.500');
    expect(box).toHaveTextContent('Chưa phân bổ theo huyện');
    expect(screen.getByTestId('covid-remainder-unallocated').textContent).toMatch(/^[-−]4\.027$/);
    expect(screen.getByTestId('public-covid-794')).toHaveTextContent('Tân Ansố liệu mô phỏng');
    expect(screen.queryByTestId('public-covid-simulated-802')).toBeNull();
  });

  it('draws no remainder while the province has no report of its own', async () => {
    serve(() => HttpResponse.json(DOSSIER));
    render(<PublicRoute />);
    await screen.findByTestId('public-covid-table');
    expect(screen.queryByTestId('covid-remainder')).toBeNull();
  });

  it('shows a found dossier as a timeline', async () => {
    serve(({ params }) =>
      params.code === CODE ? HttpResponse.json(DOSSIER) : HttpResponse.json({}, { status: 404 }),
    );
    await lookUp(CODE.toLowerCase());
    expect(await screen.findByTestId('dossier-status')).toHaveTextContent('Đã giải quyết, trễ hạn');
    const steps = screen.getByTestId('dossier-timeline').querySelectorAll('li');
    expect(steps[0]).toHaveTextContent('Đã tiếp nhận qua bưu chính');
    expect(steps[1]).toHaveTextContent('hẹn trả kết quả 17:00 03/08/2021');
    expect(steps[2]).toHaveTextContent('Đã có kết quả, trễ hạn');
  });

  it('says not found, and explains a 429 with its delay', async () => {
    serve(() => HttpResponse.json({ error: 'not_found' }, { status: 404 }));
    await lookUp(CODE);
    expect(await screen.findByTestId('lookup-not_found')).toHaveTextContent(
      `Không tìm thấy hồ sơ có mã ${CODE}`,
    );
    server.use(
      http.get('*/api/public/dossiers/:code', () =>
        HttpResponse.json({ error: 'rate_limited', details: { retryAfterS: 42 } }, { status: 429 }),
      ),
    );
    fireEvent.click(screen.getByTestId('dossier-submit'));
    expect(await screen.findByTestId('lookup-rate_limited')).toHaveTextContent('thử lại sau 42 giây');
  });

  it('answers a malformed code without asking the server', async () => {
    const asked = vi.fn(() => HttpResponse.json(DOSSIER));
    serve(asked);
    await lookUp('hello');
    expect(await screen.findByTestId('lookup-invalid')).toHaveTextContent('Mã hồ sơ không hợp lệ');
    expect(asked).not.toHaveBeenCalled();
  });

  it('reads the code from a receipt QR (lookup URL) or a bare code', () => {
    expect(codeFromScan(`https://ioc.longan.gov.vn/public?code=${encodeURIComponent(CODE)}`)).toBe(CODE);
    expect(codeFromScan(` ${CODE.toLowerCase()} `)).toBe(CODE);
    expect(codeFromScan('https://example.com/')).toBeNull();
  });
});
