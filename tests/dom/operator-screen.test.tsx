import { IMMEDIATE_RULES } from '../fixtures/events';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { MapViewProps } from '../../client/map/MapView';
import { OperatorScreen } from '../../client/features/operator/OperatorScreen';
import { LONG_AN_2021 } from '../../geo';
import type { AreasCollection } from '../../client/net/api';
import { useStore } from '../../client/store/store';
import { applyEvents, type LoggedEvent } from '../../protocol';
import { FIXTURE_ROLLUP as rollup, NOW_MS, sampleState, seedStore } from './fixtures';

// jsdom has no WebGL: the maplibre + deck.gl component is replaced at its module boundary, and the mock
// shows what it was given so the wiring from the store is still checked.
vi.mock('../../client/map/MapView', () => ({
  default: (p: MapViewProps) => (
    <div data-testid="map-mock" data-markers={p.markers.map((m) => `${m.siteId}:${m.status}`).join(',')}>
      {p.metric}:{p.values['794']}
    </div>
  ),
}));

describe('operator screen', () => {
  it('renders tiles, chart and the lazily loaded map from the store', async () => {
    seedStore();
    render(<OperatorScreen />);
    expect(screen.getByTestId('kpi-province-online-today-value')).toHaveTextContent('77.769');
    expect(screen.getByTestId('chart-online-daily')).toBeInTheDocument();
    const map = await screen.findByTestId('map-mock');
    expect(map).toHaveTextContent('onlineToday:1520');
    expect(map).toHaveAttribute('data-markers', 'wl-1:alarm,wl-2:ok,pm-1:ok');
  });

  it("labels only the schematic part of the map (Tân An's wards) and explains its colours without hovering", async () => {
    seedStore();
    useStore.getState().setAreas(LONG_AN_2021.collection as unknown as AreasCollection);
    render(<OperatorScreen />);
    await screen.findByTestId('map-mock');
    const note = screen.getByTestId('map-area-set');
    expect(note).toHaveAttribute('data-schematic', 'part');
    expect(note).toHaveTextContent('Ranh giới: geoBoundaries');
    expect(note).toHaveTextContent('Phường, xã của Tân An: sơ đồ minh hoạ');
    expect(note).not.toHaveTextContent('không phải ranh giới chính thức');
    expect(screen.getByTestId('map-legend')).toHaveTextContent('Hồ sơ trực tuyến hôm nay');
    expect(screen.getByTestId('legend-status-alarm')).toHaveTextContent('Báo động: 1');
    expect(screen.getByTestId('legend-status-ok')).toHaveTextContent('Bình thường: 2');
  });

  it('says when the areas could not be loaded', async () => {
    useStore.getState().setAreasError('/api/areas: HTTP 500 internal');
    render(<OperatorScreen />);
    await screen.findByTestId('map-mock');
    expect(screen.getByTestId('areas-error')).toHaveTextContent(
      'Không tải được ranh giới khu vực: /api/areas: HTTP 500 internal',
    );
  });

  it('counts the sensors in alarm under the rules in force, in the header tile, the legend and the markers', async () => {
    // The operator's rules lower the water-level alarm to 0,60 m; then wl-2 reads 0,90 m.
    const rules: LoggedEvent = {
      v: 1,
      seq: 101,
      id: 'rules-101',
      source: 'alert-rules',
      stream: 'ops',
      area: '80',
      tsMs: NOW_MS - 20_000,
      operator: 'alert-rules-file',
      action: 'alert-rules:changed',
      // With no on-delay, so wl-2's one reading shows the lowered line (the delays are unit-tested).
      rules: { ...IMMEDIATE_RULES, sensorThresholds: { water_level: { warning: 0.5, alarm: 0.6 } } },
    };
    const wl2: LoggedEvent = {
      v: 1,
      seq: 102,
      id: 'wl-2:102',
      source: 'test',
      stream: 'sensor',
      area: '794',
      tsMs: NOW_MS - 10_000,
      siteId: 'wl-2',
      kind: 'water_level',
      value: 0.9,
      unit: 'm',
      lonLat: [106.42, 10.54],
    };
    seedStore(applyEvents(sampleState(), [rules, wl2], rollup));
    render(<OperatorScreen />);
    expect(screen.getByTestId('kpi-province-sensor-alarm-value')).toHaveTextContent(/^2$/);
    const map = await screen.findByTestId('map-mock');
    expect(map).toHaveAttribute('data-markers', 'wl-1:alarm,wl-2:alarm,pm-1:ok');
    expect(screen.getByTestId('legend-status-alarm')).toHaveTextContent('Báo động: 2');
  });
});
