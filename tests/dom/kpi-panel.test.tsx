import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KpiPanel } from '../../client/features/operator/KpiPanel';
import { useStore } from '../../client/store/store';
import { useLocaleStore } from '../../client/i18n/locale.store';
import { applyEvents, emptyDashboardState, type LoggedEvent } from '../../protocol';
import { FIXTURE_ROLLUP, onlineSubmitted, seedStore } from './fixtures';

const value = (id: string) => screen.getByTestId(`${id}-value`);

describe('KPI tiles', () => {
  it('say they are waiting before the first snapshot', () => {
    render(<KpiPanel />);
    expect(screen.getByTestId('kpi-panel')).toHaveTextContent('Đang chờ dữ liệu');
  });

  it('show the store state with Vietnamese number formatting', () => {
    seedStore();
    render(<KpiPanel />);
    expect(value('kpi-province-online-today')).toHaveTextContent('77.769');
    expect(value('kpi-province-on-time-rate')).toHaveTextContent('86,25 %');
    expect(value('kpi-province-open-dossiers')).toHaveTextContent('82.000');
    expect(value('kpi-province-covid-new-cases')).toHaveTextContent('1.234');
    expect(value('kpi-tan-an-online-today')).toHaveTextContent('1.520');
    expect(value('kpi-tan-an-on-time-rate')).toHaveTextContent('99,00 %');
    expect(value('kpi-tan-an-covid-new-cases')).toHaveTextContent('87');
  });

  it('give each tile its unit and the age of its data', () => {
    seedStore();
    render(<KpiPanel />);
    const tile = screen.getByTestId('kpi-province-online-today');
    expect(within(tile).getByText('hồ sơ')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-province-online-today-age')).toHaveTextContent('cập nhật 5 phút trước');
    expect(screen.getByTestId('kpi-province-covid-new-cases-age')).toHaveTextContent('báo cáo ngày 15/08');
  });

  it('count sensors in alarm by area and flag the tile', () => {
    seedStore();
    render(<KpiPanel />);
    // wl-1 reads 1.9 m, above the 1.8 m alarm level; it lies in Tân An, so both columns count it.
    expect(value('kpi-province-sensor-alarm')).toHaveTextContent('1');
    expect(value('kpi-tan-an-sensor-alarm')).toHaveTextContent('1');
    expect(screen.getByTestId('kpi-province-sensor-alarm')).toHaveClass('kpi-tile--alert');
    expect(screen.getByTestId('kpi-province-sensor-alarm-age')).toHaveTextContent('2/3 trạm bình thường');
  });

  it('change when a batch is applied to the store', () => {
    seedStore();
    render(<KpiPanel />);
    act(() => {
      const resync = useStore.getState().receiveBatch({
        area: '80',
        fromSeq: 101,
        toSeq: 103,
        events: [onlineSubmitted(101), onlineSubmitted(102), onlineSubmitted(103, '803')],
      });
      expect(resync).toBeNull();
    });
    expect(value('kpi-province-online-today')).toHaveTextContent('77.772');
    expect(value('kpi-tan-an-online-today')).toHaveTextContent('1.522');
    expect(value('kpi-province-open-dossiers')).toHaveTextContent('82.003');
  });

  it('switch to English labels with the language', () => {
    seedStore();
    render(<KpiPanel />);
    act(() => useLocaleStore.getState().setLocale('en'));
    expect(screen.getByText('Long An province')).toBeInTheDocument();
    expect(value('kpi-province-online-today')).toHaveTextContent('77,769');
  });
});

describe('the COVID tile beside a real province feed', () => {
  const report = (source: string, area: string, newCases: number, seq: number): LoggedEvent => ({
    v: 1,
    id: `r-${seq}`,
    source,
    area,
    tsMs: Date.parse('2021-08-15T17:00:00+07:00'),
    stream: 'covid',
    date: '2021-08-15',
    newCases,
    recovered: 0,
    deaths: 0,
    vaccineDoses: 0,
    epidemicLevel: 3,
    seq,
  });

  it('shows the province its own report, the simulated districts beside it and what is not allocated', () => {
    const events = [
      report('sim-covid', '794', 80, 1),
      report('sim-covid', '802', 1_200, 2),
      report('csv-import', '80', 1_050, 3),
    ];
    seedStore(applyEvents(emptyDashboardState(), events, FIXTURE_ROLLUP));
    render(<KpiPanel />);
    expect(value('kpi-province-covid-new-cases')).toHaveTextContent('1.050');
    const age = screen.getByTestId('kpi-province-covid-new-cases-age');
    expect(age).toHaveTextContent('các huyện (mô phỏng): 1.280');
    expect(age).toHaveTextContent('chưa phân bổ theo huyện: -230');
    expect(age).not.toHaveTextContent('số liệu mô phỏng');
    expect(value('kpi-tan-an-covid-new-cases')).toHaveTextContent('80');
    expect(screen.getByTestId('kpi-tan-an-covid-new-cases-age')).toHaveTextContent('số liệu mô phỏng');
  });
});
