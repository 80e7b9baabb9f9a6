import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { applyEvents } from '../../protocol/state/apply-events';
import { AreaBreadcrumbs } from '../../client/features/operator/AreaBreadcrumbs';
import { KpiPanel } from '../../client/features/operator/KpiPanel';
import { focusFromUrl } from '../../client/store/ui.slice';
import { onlineSubmitted, sampleState, seedStore } from './fixtures';

describe('drill-down from the province to a district', () => {
  it('re-scopes the second column to the picked district and puts it in the URL', () => {
    const base = sampleState();
    // Three online dossiers in Đức Hòa today, on top of the fixture.
    const events = [1, 2, 3].map((i) => ({ ...onlineSubmitted(base.seq + i, '802'), id: `dh-${i}` }));
    seedStore(applyEvents(base, events, makeRollup(AREAS_2021)));
    render(
      <>
        <AreaBreadcrumbs />
        <KpiPanel />
      </>,
    );
    expect(screen.getByTestId('kpi-column-tan-an')).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('area-picker'), { target: { value: '802' } });
    expect(screen.queryByTestId('kpi-column-tan-an')).toBeNull();
    expect(screen.getByTestId('kpi-column-area-802')).toHaveTextContent('Đức Hòa');
    expect(screen.getByTestId('kpi-area-802-online-today-value')).toHaveTextContent('3');
    expect(window.location.search).toBe('?area=802');
    expect(focusFromUrl(window.location.search)).toBe('802');
  });

  it('ignores an unknown area in a link and falls back to Tân An', () => {
    expect(focusFromUrl('?area=999')).toBe('794');
    expect(focusFromUrl('')).toBe('794');
  });
});
