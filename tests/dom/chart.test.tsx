import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OnlineDailyChart } from '../../client/features/operator/OnlineDailyChart';
import { onlineDaily } from '../../client/store/selectors';
import { useStore } from '../../client/store/store';
import { areaColour } from '../../client/ui/area-colours';
import { NOW_MS, onlineSubmitted, sampleState, seedStore, TODAY } from './fixtures';

const SIZE = { width: 800, height: 300 };

describe('online submissions chart', () => {
  it('takes the last 30 days, oldest first, zero where a day has no count', () => {
    const points = onlineDaily(sampleState(), ['80', '794'], NOW_MS);
    expect(points).toHaveLength(30);
    expect(points[0]!.day).toBe('2021-07-18');
    expect(points.at(-1)).toEqual({ day: TODAY, '80': 77_769, '794': 1520 });
    expect(points.find((p) => p.day === '2021-07-20')!['80']).toBe(5);
    expect(points.find((p) => p.day === '2021-08-01')!['794']).toBe(0);
  });

  it('renders both series from the store with their latest values spelled out', () => {
    seedStore();
    render(<OnlineDailyChart size={SIZE} />);
    const chart = screen.getByTestId('chart-online-daily');
    expect(chart).toHaveTextContent('30 ngày gần nhất');
    const summary = screen.getByTestId('chart-online-daily-summary');
    expect(summary).toHaveTextContent('Toàn tỉnh Long An — Ngày 16/08: 77.769 hồ sơ');
    expect(summary).toHaveTextContent('TP. Tân An — Ngày 16/08: 1.520 hồ sơ');
    expect(chart.querySelectorAll('.recharts-line')).toHaveLength(4);
    // The province and Tân An are counted in one unit at scales far apart: a panel and one y-axis each,
    // in the colours the areas have on every chart.
    const panels = [...chart.querySelectorAll('[data-panel]')];
    expect(panels.map((p) => p.getAttribute('data-panel'))).toEqual(['80', '794']);
    for (const p of panels) {
      expect(p.querySelectorAll('svg.recharts-surface')).toHaveLength(1);
      expect(p.querySelectorAll('.recharts-yAxis')).toHaveLength(1);
    }
    expect(panels[1]!.querySelector('.recharts-line-curve')).toHaveAttribute('stroke', areaColour('794'));
    expect(chart).toHaveTextContent('TP. Tân An — hồ sơ');
  });

  it('draws today, a day in progress, as a dashed segment and says it is so far', () => {
    seedStore();
    render(<OnlineDailyChart size={SIZE} />);
    const chart = screen.getByTestId('chart-online-daily');
    // One dashed segment per series, from yesterday to today's count so far: not a fall every morning.
    expect(chart.querySelectorAll('.recharts-line path[stroke-dasharray="6 4"]')).toHaveLength(2);
    expect(screen.getByTestId('chart-online-daily-summary')).toHaveTextContent(
      'Toàn tỉnh Long An — Ngày 16/08: 77.769 hồ sơ (đến 09:30, chưa hết ngày)',
    );
  });

  it('follows the store as batches arrive', () => {
    seedStore();
    render(<OnlineDailyChart size={SIZE} />);
    act(() => {
      useStore
        .getState()
        .receiveBatch({ area: '80', fromSeq: 101, toSeq: 101, events: [onlineSubmitted(101)] });
    });
    expect(screen.getByTestId('chart-online-daily-summary')).toHaveTextContent('Ngày 16/08: 1.521 hồ sơ');
  });

  it('says so when there is no data yet', () => {
    render(<OnlineDailyChart size={SIZE} />);
    expect(screen.getByTestId('chart-online-daily-summary')).toHaveTextContent('Chưa có dữ liệu theo ngày');
  });
});
