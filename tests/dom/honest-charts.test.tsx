import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeriesChart, type SeriesChartProps } from '../../client/features/kpi/SeriesChart';
import { YearOverYearChart } from '../../client/features/kpi/YearOverYearChart';
import { useReviewData } from '../../client/features/kpi/review.store';
import { areaColour } from '../../client/ui/area-colours';
import { server } from './msw-server';
import { reviewHandlers } from './kpi-review-handlers';

const SIZE = { width: 800, height: 300 };
const COUNT: SeriesChartProps = {
  id: 'online-monthly',
  title: 'Hồ sơ nộp trực tuyến theo tháng',
  metric: 'dossier.online_submitted',
  areas: ['80', '794'],
  from: '2021-01-01',
  to: '2021-10-01',
  bucket: 'month',
  format: 'count',
  unit: 'hồ sơ',
  size: SIZE,
};
const SHARE: SeriesChartProps = {
  ...COUNT,
  id: 'online-share',
  metric: 'dossier.online_share',
  format: 'percent',
  unit: undefined,
};

/** Each plot drawn in a chart, with its y-axes and the colours of its lines or bars. */
async function plots(id: string) {
  const chart = await screen.findByTestId(`chart-${id}`);
  await waitFor(() => expect(chart.querySelector('svg.recharts-surface')).not.toBeNull());
  return [...chart.querySelectorAll('svg.recharts-surface')].map((svg) => ({
    panel: svg.closest('[data-panel]')?.getAttribute('data-panel') ?? null,
    yAxes: svg.querySelectorAll('.recharts-yAxis').length,
    strokes: [...svg.querySelectorAll('.recharts-line-curve')].map((p) => p.getAttribute('stroke')),
    fills: [
      ...new Set(
        [...svg.querySelectorAll('.recharts-bar-rectangle path')].map((p) => p.getAttribute('fill')),
      ),
    ],
  }));
}

describe('charts that compare honestly', () => {
  beforeEach(() => server.use(...reviewHandlers));
  afterEach(() => useReviewData.getState().reset());

  it('draws counts of the province and Tân An as small multiples, one y-axis each, never two on one plot', async () => {
    render(<SeriesChart {...COUNT} />);
    const drawn = await plots('online-monthly');
    expect(drawn.map((p) => p.panel)).toEqual(['80', '794']);
    for (const p of drawn) expect(p.yAxes).toBe(1);
    // Each panel's axis says whose counts it scales.
    expect(screen.getByText('Toàn tỉnh Long An — hồ sơ')).toBeInTheDocument();
    expect(screen.getByText('TP. Tân An — hồ sơ')).toBeInTheDocument();
  });

  it('draws shares on one plot with one y-axis', async () => {
    render(<SeriesChart {...SHARE} />);
    const drawn = await plots('online-share');
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.yAxes).toBe(1);
    expect(drawn[0]!.strokes).toEqual(expect.arrayContaining([areaColour('80'), areaColour('794')]));
  });

  it('keeps each area its colour whether it is the chosen area or the one beside it', async () => {
    const first = render(<SeriesChart {...SHARE} areas={['80', '794']} />);
    const provinceFirst = (await plots('online-share'))[0]!.strokes;
    first.unmount();
    render(<SeriesChart {...SHARE} areas={['794', '80']} />);
    const tanAnFirst = (await plots('online-share'))[0]!.strokes;
    // Lines are drawn in the order of `areas`; each keeps its area's colour, not its position's.
    expect(provinceFirst[0]).toBe(areaColour('80'));
    expect(tanAnFirst[0]).toBe(areaColour('794'));
    expect(areaColour('80')).not.toBe(areaColour('794'));
    const yoy = render(<YearOverYearChart areas={['794', '80']} to="2021-10-01" size={SIZE} />);
    const bars = await plots('online-yearly');
    expect(bars.map((b) => [b.panel, b.yAxes, b.fills])).toEqual([
      ['794', 1, [areaColour('794')]],
      ['80', 1, [areaColour('80')]],
    ]);
    yoy.unmount();
  });

  it('names the hovered value in Vietnamese format', async () => {
    render(<SeriesChart {...COUNT} />);
    await plots('online-monthly');
    const panel = screen
      .getByTestId('chart-online-monthly')
      .querySelector('[data-panel="794"] .recharts-wrapper')!;
    fireEvent.mouseMove(panel, { clientX: 400, clientY: 100 });
    // 12.345 a year in the handlers' Tân An: 1.372 a month, with its unit.
    await waitFor(() =>
      expect(panel.querySelector('.recharts-tooltip-wrapper')).toHaveTextContent(
        /TP\. Tân An\s*:\s*1\.372 hồ sơ/,
      ),
    );
  });

  it('shades the lockdown on the weekly postal chart, though its weeks do not start on 19/07 or end on 30/09', async () => {
    render(
      <SeriesChart
        {...SHARE}
        id="postal-lockdown"
        metric="dossier.postal_share"
        from="2021-06-01"
        to="2021-10-01"
        bucket="week"
        band={{ from: '2021-07-19', to: '2021-09-30', label: 'Giãn cách (Chỉ thị 16)' }}
      />,
    );
    await plots('postal-lockdown');
    const chart = screen.getByTestId('chart-postal-lockdown');
    expect(chart.querySelector('.recharts-reference-area')).not.toBeNull();
    expect(chart).toHaveTextContent('Giãn cách (Chỉ thị 16)');
  });
});
