import { act, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { AreaFeatureCollection } from '../../protocol';
import { parseInstant } from '../../protocol';
import type { MapViewProps } from '../../client/map/MapView';
import { MapPanel } from '../../client/map/MapPanel';
import { useAreasAtCursor } from '../../client/features/replay/use-areas-at-cursor';
import { useReplayStore } from '../../client/features/replay/replay.store';
import { server } from './msw-server';
import { seedStore } from './fixtures';

vi.mock('../../client/map/MapView', () => ({
  default: (p: MapViewProps) => (
    <div
      data-testid="map-mock"
      data-set={p.areas?.name ?? ''}
      data-codes={p.areas?.features.map((f) => f.properties.code).join(',') ?? ''}
    />
  ),
}));

const square = (x0: number, x1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, 10.5],
      [x1, 10.5],
      [x1, 10.6],
      [x0, 10.6],
      [x0, 10.5],
    ] as [number, number][],
  ],
});

/** Two small sets split at 1 July 2025: Long An with Tân An and a ward, then Tây Ninh with a new ward. */
const OLD: AreaFeatureCollection = {
  type: 'FeatureCollection',
  name: 'old-2021',
  validFrom: '2013-04-01',
  validTo: '2025-07-01',
  features: [
    {
      type: 'Feature',
      properties: { code: '80', name: 'Long An', kind: 'province', parent: null },
      geometry: square(106, 106.2),
    },
    {
      type: 'Feature',
      properties: { code: '794', name: 'Tân An', kind: 'city', parent: '80' },
      geometry: square(106, 106.1),
    },
    {
      type: 'Feature',
      properties: { code: '27694', name: 'Phường 1', kind: 'ward', parent: '794' },
      geometry: square(106, 106.05),
    },
  ],
};
const NEXT: AreaFeatureCollection = {
  type: 'FeatureCollection',
  name: 'next-2025',
  validFrom: '2025-07-01',
  features: [
    {
      type: 'Feature',
      properties: { code: '72', name: 'Tây Ninh', kind: 'province', parent: null },
      geometry: square(106, 106.2),
    },
    {
      type: 'Feature',
      properties: { code: '27715', name: 'Phường Khánh Hậu', kind: 'ward', parent: '72' },
      geometry: square(106, 106.1),
    },
  ],
};

function serveSets() {
  const asked: string[] = [];
  const pick = (url: string) => {
    const at = new URL(url).searchParams.get('at')!;
    return parseInstant(at) < parseInstant('2025-07-01') ? OLD : NEXT;
  };
  server.use(
    http.get('*/api/areas', ({ request }) => {
      asked.push(`areas ${pick(request.url).name}`);
      return HttpResponse.json(pick(request.url));
    }),
    http.get('*/api/areas/sites', ({ request }) => {
      const set = pick(request.url);
      asked.push(`sites ${set.name}`);
      return HttpResponse.json({
        set: set.name,
        validFrom: set.validFrom ?? null,
        validTo: set.validTo ?? null,
        sites: { 'wl-1': set === OLD ? '27694' : '27715' },
      });
    }),
  );
  return asked;
}

function ReplayMap() {
  useAreasAtCursor();
  return <MapPanel />;
}

const moveTo = (iso: string) =>
  act(() =>
    useReplayStore.setState({
      position: { epoch: 1, cursorMs: parseInstant(iso), playing: false, speed: 60, endMs: 0 },
    }),
  );

describe('replay map: the area set valid at the replayed instant', () => {
  it('draws the 2021 set for a 2021 cursor, the later set after 2025-07-01, and loads each set once', async () => {
    const asked = serveSets();
    seedStore();
    moveTo('2021-07-26T08:00:00+07:00');
    render(<ReplayMap />);
    const map = await screen.findByTestId('map-mock');
    await waitFor(() => expect(map).toHaveAttribute('data-set', 'old-2021'));
    expect(map).toHaveAttribute('data-codes', '80,794,27694');
    expect(screen.getByTestId('map-area-set')).toHaveTextContent('Ranh giới: old-2021');

    moveTo('2025-07-01T00:00:00+07:00');
    await waitFor(() => expect(map).toHaveAttribute('data-set', 'next-2025'));
    expect(map).toHaveAttribute('data-codes', '72,27715');

    // Scrubbing back and forth across the date uses the held sets: no new request.
    moveTo('2025-06-30T23:59:59+07:00');
    await waitFor(() => expect(map).toHaveAttribute('data-set', 'old-2021'));
    moveTo('2026-03-01T00:00:00+07:00');
    await waitFor(() => expect(map).toHaveAttribute('data-set', 'next-2025'));
    expect(asked.sort()).toEqual(['areas next-2025', 'areas old-2021', 'sites next-2025', 'sites old-2021']);
  });
});
