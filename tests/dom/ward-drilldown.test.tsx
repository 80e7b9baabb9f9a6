import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SCHEMATIC_2021, TAN_AN_WARDS_2021 } from '../../geo';
import { AreaBreadcrumbs } from '../../client/features/operator/AreaBreadcrumbs';
import { KpiPanel } from '../../client/features/operator/KpiPanel';
import { OnlineDailyChart } from '../../client/features/operator/OnlineDailyChart';
import type { AreasCollection } from '../../client/net/api';
import { useStore } from '../../client/store/store';
import { focusFromUrl } from '../../client/store/ui.slice';
import { seedStore } from './fixtures';

/** The fixture's Tân An sites: wl-1 in alarm, wl-2 fine; the assignment puts them in two wards. */
function seedWithWards() {
  seedStore();
  useStore.getState().setAreas(SCHEMATIC_2021.collection as unknown as AreasCollection);
  useStore.getState().setSiteAreas({ 'wl-1': '27694', 'wl-2': '27715', 'pm-1': '803' });
}

describe('drill-down province → Tân An → ward or commune', () => {
  it("offers Tân An's 14 wards and communes of the set drawn, and only under Tân An", () => {
    seedWithWards();
    render(<AreaBreadcrumbs />);
    const picker = screen.getByTestId('ward-picker');
    const options = within(picker)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options[0]).toBe('Toàn thành phố');
    expect(options.slice(1).sort()).toEqual(TAN_AN_WARDS_2021.map((w) => w.name).sort());
    expect(options.slice(1, 4)).toEqual(['Phường 1', 'Phường 2', 'Phường 3']);
    fireEvent.change(screen.getByTestId('area-picker'), { target: { value: '802' } });
    expect(screen.queryByTestId('ward-picker')).toBeNull();
  });

  it("scopes the sensor tiles to the ward's sites and says dossiers have no ward-level data", () => {
    seedWithWards();
    render(
      <>
        <AreaBreadcrumbs />
        <KpiPanel />
        <OnlineDailyChart size={{ width: 400, height: 200 }} />
      </>,
    );
    expect(screen.getByTestId('kpi-tan-an-sensor-alarm-value')).toHaveTextContent('1');
    fireEvent.change(screen.getByTestId('ward-picker'), { target: { value: '27694' } });
    expect(window.location.search).toBe('?area=27694');
    expect(focusFromUrl(window.location.search)).toBe('27694');
    const column = screen.getByTestId('kpi-column-area-27694');
    expect(column).toHaveTextContent('Phường 1 — TP. Tân An');
    expect(screen.getByTestId('kpi-area-27694-sensor-alarm-value')).toHaveTextContent('1');
    expect(screen.getByTestId('kpi-area-27694-online-today-value')).toHaveTextContent('—');
    expect(screen.getByTestId('kpi-area-27694-online-today-age')).toHaveTextContent(
      'Không có dữ liệu cấp phường',
    );
    expect(screen.getByTestId('kpi-area-27694-covid-new-cases')).toHaveAttribute('data-no-data', 'true');
    expect(screen.getByTestId('chart-online-daily')).toHaveTextContent(
      'Phường 1 — Không có dữ liệu cấp phường',
    );

    fireEvent.change(screen.getByTestId('ward-picker'), { target: { value: '27715' } });
    expect(screen.getByTestId('kpi-area-27715-sensor-alarm-value')).toHaveTextContent('0');
    // The province still counts every site, wherever the assignment puts it.
    expect(screen.getByTestId('kpi-province-sensor-alarm-value')).toHaveTextContent('1');
  });
});
