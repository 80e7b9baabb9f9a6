import { IMMEDIATE_RULES } from '../fixtures/events';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../../client/access/session.store';
import { useLocaleStore } from '../../client/i18n/locale.store';
import { LAYER_IDS } from '../../client/map/layers';
import type { MapViewProps } from '../../client/map/MapView';
import { ConsoleScreen } from '../../client/features/console/ConsoleScreen';
import { useConsoleStore } from '../../client/features/console/console.store';
import { PULSE_MAX_SITES } from '../../client/features/wall/WallMap';
import { WallScreen } from '../../client/features/wall/WallScreen';
import { WALL_LAYER_IDS } from '../../client/map/wall-layers';
import { parseWallUrl } from '../../client/features/wall/wall-url';
import { useWallStore } from '../../client/features/wall/wall.store';
import type { LiveCommands } from '../../client/net/live-commands';
import { useStore } from '../../client/store/store';
import { useAreasLoader } from '../../client/store/use-areas-loader';
import { applyEvents, emptyAlertsState, type DashboardState, type LoggedEvent } from '../../protocol';
import { emptyDashboardState } from '../../protocol/state/dashboard-state';
import { FIXTURE_ROLLUP as rollup, NOW_MS, onlineSubmitted, sampleState, seedStore } from './fixtures';
import { server } from './msw-server';

/** The layers of the mock map's last render, to tell a kept layer input (no redraw) from a rebuilt one. */
const drawn = vi.hoisted(() => ({ layers: [] as unknown[] }));

// jsdom has no WebGL: the map is replaced at its module boundary; the mock shows its camera and layer ids.
vi.mock('../../client/map/MapView', () => ({
  default: (p: MapViewProps) => (
    (drawn.layers = [...(p.layers ?? [])]),
    (
      <div
        data-testid="map-mock"
        data-focus={p.focus?.key}
        data-bounds={JSON.stringify(p.focus?.bounds)}
        data-layers={(p.layers ?? [])
          .map((l) => (l && typeof l === 'object' && 'id' in l ? l.id : '-'))
          .join(',')}
        data-sites={
          (p.layers ?? []).flatMap((l) =>
            l && typeof l === 'object' && 'id' in l && l.id === 'sensor-sites'
              ? [(l.props.data as { length: number }).length]
              : [],
          )[0]
        }
      />
    )
  ),
}));

type LayerLike = {
  id: string;
  props: { data: unknown; getRadius?: unknown; updateTriggers?: { getFillColor?: unknown[] } };
};
const drawnLayer = (id: string) =>
  drawn.layers.find((l): l is LayerLike => !!l && typeof l === 'object' && (l as LayerLike).id === id)!;

/** A water-level reading at wl-1 (Tân An) `value` m, `agoMs` before the test's now. */
const reading = (seq: number, value: number, agoMs = 10_000): LoggedEvent => ({
  v: 1,
  seq,
  id: `wl-1:${seq}`,
  source: 'test',
  stream: 'sensor',
  area: '794',
  tsMs: NOW_MS - agoMs,
  siteId: 'wl-1',
  kind: 'water_level',
  value,
  unit: 'm',
  lonLat: [106.42, 10.54],
});

/** One area, Tân An, as /api/areas answers it. */
const TAN_AN_AREAS = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {
        code: '794',
        name: 'Tân An',
        kind: 'city',
        parent: '80',
        schematic: true,
        areaKm2: 82,
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [106.35, 10.5],
            [106.47, 10.5],
            [106.47, 10.6],
            [106.35, 10.5],
          ],
        ],
      },
    },
  ],
};

/** An operator's rules file that lowers the water-level alarm to 0,60 m, as logged at `seq`. */
const loweredRules = (seq: number): LoggedEvent => ({
  v: 1,
  seq,
  id: `rules-${seq}`,
  source: 'alert-rules',
  stream: 'ops',
  area: '80',
  tsMs: NOW_MS - 15_000,
  operator: 'alert-rules-file',
  action: 'alert-rules:changed',
  rules: {
    ...IMMEDIATE_RULES,
    sensorThresholds: { water_level: { warning: 0.5, alarm: 0.6 } },
  },
});

/** wl-1 reads 0,90 m after the rules lowered the alarm: in alarm under the rules in force, not the built-in. */
function withLoweredAlarm(): DashboardState {
  const base = { ...sampleState(), alerts: emptyAlertsState() };
  return applyEvents(base, [reading(101, 1.0, 20_000), loweredRules(102), reading(103, 0.9)], rollup);
}

function withAlarm(): DashboardState {
  return applyEvents(sampleState(), [reading(101, 1.0, 20_000), reading(102, 2.05)], rollup);
}

function startWall(search = '?chime=0') {
  useWallStore.getState().init(parseWallUrl(search), Date.now(), 10);
}

afterEach(() => {
  vi.useRealTimers();
  useWallStore.getState().init(parseWallUrl(''), Date.now(), 10);
});

describe('wall', () => {
  it('shows the scene, its tiles in Vietnamese formatting with data age, and the map framed on the scene', async () => {
    seedStore();
    useStore.getState().setConnection('live');
    startWall('?scenes=province:30&chime=0');
    render(<WallScreen />);
    expect(screen.getByTestId('wall')).toHaveAttribute('data-scene', 'province');
    expect(screen.getByTestId('wall-scene-title')).toHaveTextContent('Toàn tỉnh — tổng quan');
    expect(screen.getByTestId('wall-tile-onlineToday-value')).toHaveTextContent('77.769');
    expect(screen.getByTestId('wall-tile-onTimeRate-value')).toHaveTextContent('86,25 %');
    expect(screen.getByTestId('wall-tile-onTimeRate')).toHaveTextContent('Mục tiêu 99,00 %');
    expect(screen.getByTestId('wall-tile-onlineToday-age')).toHaveTextContent(/cập nhật 5 phút trước/);
    expect(screen.getByTestId('wall-connection')).toHaveAttribute('data-state', 'live');
    const map = await screen.findByTestId('map-mock', {}, { timeout: 15_000 });
    expect(map).toHaveAttribute('data-focus', 'scene:province:');
    expect(map.getAttribute('data-layers')).toContain('wall-alarm-pulse');
    // Every site of the state is a point of the province scene.
    expect(map).toHaveAttribute('data-sites', '3');
  });

  it('keeps the points and the choropleth when a batch brings readings that change no status', async () => {
    seedStore();
    server.use(http.get('*/api/areas', () => HttpResponse.json(TAN_AN_AREAS)));
    startWall('?scenes=province:30&chime=0');
    function WithAreas() {
      useAreasLoader();
      return <WallScreen />;
    }
    render(<WithAreas />);
    await screen.findByTestId('map-mock', {}, { timeout: 15_000 });
    // The districts are drawn once the areas came (msw).
    await waitFor(() => expect(drawnLayer(LAYER_IDS.districts)).toBeDefined(), { timeout: 15_000 });
    const colouredBy = () => drawnLayer(LAYER_IDS.districts).props.updateTriggers!.getFillColor![2];
    const send = (e: LoggedEvent) =>
      act(
        () =>
          void useStore.getState().receiveBatch({ area: '80', fromSeq: e.seq, toSeq: e.seq, events: [e] }),
      );
    send(reading(101, 1.1));
    const points = drawnLayer(LAYER_IDS.sensors).props.data;
    const values = colouredBy();
    // One more normal water level at wl-1: a new state, the same picture.
    send(reading(102, 1.15, 5_000));
    expect(useStore.getState().feed.state!.seq).toBe(102);
    expect(drawnLayer(LAYER_IDS.sensors).props.data).toBe(points);
    expect(colouredBy()).toBe(values);
    // Over the alarm threshold: the site's colour changes, so the points are rebuilt.
    send(reading(103, 2.05, 1_000));
    expect(drawnLayer(LAYER_IDS.sensors).props.data).not.toBe(points);
  });

  it('pulses the alarm rings on a map of few sites, and holds them still on a dense one (each flip is a redraw)', async () => {
    const radiusOverOneSecond = async () => {
      const seen = new Set<unknown>();
      for (let i = 0; i < 4; i++) {
        seen.add(drawnLayer(WALL_LAYER_IDS.pulse).props.getRadius);
        await act(async () => void vi.advanceTimersByTime(260));
      }
      return seen.size;
    };
    vi.useFakeTimers({
      now: Date.now(),
      toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
    seedStore(withAlarm());
    startWall('?scenes=province:30&chime=0');
    const { unmount } = render(<WallScreen />);
    await act(async () => void (await vi.advanceTimersByTimeAsync(2000)));
    expect(await radiusOverOneSecond()).toBe(2);
    unmount();

    // The same alarm among PULSE_MAX_SITES more sites.
    const dense = withAlarm();
    const far = Object.values(dense.sites).find((x) => x.siteId === 'wl-1')!;
    for (let i = 0; i < PULSE_MAX_SITES; i++)
      dense.sites[`extra-${i}`] = { ...far, siteId: `extra-${i}`, value: 1.0 };
    seedStore(dense);
    render(<WallScreen />);
    await act(async () => void (await vi.advanceTimersByTimeAsync(2000)));
    expect(drawnLayer(LAYER_IDS.sensors).props.data).toMatchObject({ length: PULSE_MAX_SITES + 3 });
    expect(await radiusOverOneSecond()).toBe(1);
  });

  it("draws only the scene's sensor kinds", async () => {
    // Water level and PM2.5 sites only: the traffic scene (traffic flow, noise) draws none of them.
    seedStore();
    startWall('?scenes=traffic:30&chime=0');
    render(<WallScreen />);
    const map = await screen.findByTestId('map-mock', {}, { timeout: 15_000 });
    expect(map).toHaveAttribute('data-sites', '0');
  });

  it('frames Tân An from the areas the server sends (msw)', async () => {
    server.use(http.get('*/api/areas', () => HttpResponse.json(TAN_AN_AREAS)));
    seedStore();
    startWall('?scene=tan-an&chime=0');
    function WithAreas() {
      useAreasLoader();
      return <WallScreen />;
    }
    render(<WithAreas />);
    const map = await screen.findByTestId('map-mock', {}, { timeout: 15_000 });
    await vi.waitFor(() => expect(map).toHaveAttribute('data-focus', 'scene:tan-an:areas'));
    expect(JSON.parse(map.getAttribute('data-bounds')!)).toEqual([
      [106.35, 10.5],
      [106.47, 10.6],
    ]);
  });

  it('marks a tile STALE with its last time when its stream is late for its cadence', () => {
    seedStore();
    // Ten minutes later with no new reading: sensors report every minute, so their tiles are stale.
    useStore.getState().setClock({ nowMs: NOW_MS + 10 * 60_000, speed: 0 }, Date.now());
    startWall('?scenes=environment:30,services:30&chime=0');
    render(<WallScreen />);
    const tile = screen.getByTestId('wall-tile-waterLevelMax');
    expect(tile).toHaveAttribute('data-stale', 'true');
    expect(screen.getByTestId('wall-tile-waterLevelMax-age')).toHaveTextContent(
      /TRỄ.*dữ liệu cuối lúc 09:29/,
    );
    expect(screen.getByTestId('wall-tile-sensorAlarms')).toHaveAttribute('data-stale', 'true');
    // Dossiers come hours apart: fifteen minutes without one is not late.
    act(() => useWallStore.getState().control({ action: 'next' }, Date.now()));
    expect(screen.getByTestId('wall-tile-openDossiers')).toHaveAttribute('data-stale', 'false');
  });

  it('counts, colours and lists an alarm of the rules in force alike: tile, map legend and alert feed', async () => {
    seedStore(withLoweredAlarm());
    startWall('?scenes=environment:30&chime=0');
    render(<WallScreen />);
    expect(screen.getByTestId('wall-tile-sensorAlarms-value')).toHaveTextContent(/^1$/);
    expect(screen.getByTestId('wall-tile-sensorAlarms')).toHaveClass('wall-tile--alarm');
    expect(screen.getByTestId('wall-tile-waterLevelMax')).toHaveClass('wall-tile--alarm');
    expect(screen.getByTestId('wall-tile-waterLevelMax')).toHaveTextContent('0,60');
    await screen.findByTestId('map-mock', {}, { timeout: 15_000 });
    expect(screen.getByTestId('legend-status-alarm')).toHaveTextContent('Báo động: 1');
    expect(within(screen.getByTestId('alert-feed')).getByText(/0,90 m/)).toBeInTheDocument();
  });

  it('lets a critical alert take over, in its scene, and gives the wall back once it is acknowledged', async () => {
    const state = withAlarm();
    seedStore(state);
    startWall('?scenes=province:30&chime=0');
    render(<WallScreen />);
    const takeover = screen.getByTestId('alert-takeover');
    const id = takeover.getAttribute('data-alert-id')!;
    expect(id).toBe('sensor:wl-1@102');
    expect(takeover).toHaveTextContent('Mực nước 2,05 m vượt ngưỡng 1,80 — trạm wl-1, Tân An');
    expect(screen.getByTestId('wall')).toHaveAttribute('data-scene', 'environment');
    // The tile reads the level as the alert does, to the centimetre.
    expect(screen.getByTestId('wall-tile-waterLevelMax-value')).toHaveTextContent(/^2,05$/);
    expect(screen.getByTestId('wall-tile-waterLevelMax')).toHaveTextContent('1,80');
    expect(await screen.findByTestId('map-mock', {}, { timeout: 15_000 })).toHaveAttribute(
      'data-focus',
      `alert:${id}`,
    );
    expect(within(screen.getByTestId('alert-feed')).getByText(/2,05 m/)).toBeInTheDocument();

    const ack: LoggedEvent = {
      v: 1,
      seq: 103,
      id: 'req-1',
      source: 'console',
      stream: 'ops',
      area: '794',
      tsMs: NOW_MS,
      operator: 'Trực ban A',
      action: 'alert:acknowledged',
      alertId: id,
      comment: '',
    };
    act(() => void useStore.getState().receiveBatch({ area: '80', fromSeq: 103, toSeq: 103, events: [ack] }));
    expect(screen.queryByTestId('alert-takeover')).toBeNull();
    expect(screen.getByTestId('wall')).toHaveAttribute('data-scene', 'province');
    const row = screen.getAllByTestId('alert-item').find((r) => r.getAttribute('data-alert-id') === id)!;
    expect(row).toHaveAttribute('data-acked', 'true');
    expect(row).toHaveTextContent('Trực ban A đã xác nhận');
  });

  it('says OFFLINE with the time of the drop once reconnecting lasts', () => {
    vi.useFakeTimers({ now: Date.parse('2021-08-16T02:05:00Z') });
    seedStore();
    useStore.getState().setConnection('live');
    useStore.getState().setConnection('reconnecting');
    startWall();
    render(<WallScreen />);
    expect(screen.getByTestId('wall-connection')).toHaveAttribute('data-state', 'reconnecting');
    act(() => void vi.advanceTimersByTime(25_000));
    const banner = screen.getByTestId('wall-connection');
    expect(banner).toHaveAttribute('data-state', 'offline');
    expect(banner).toHaveTextContent('MẤT KẾT NỐI');
    expect(banner).toHaveTextContent('từ 09:05');
  });

  it('follows the keyboard: → next scene, space pauses, L switches to English', () => {
    seedStore();
    startWall('?scenes=province:30,covid:30&chime=0');
    render(<WallScreen />);
    act(() => useWallStore.getState().control({ action: 'next' }, Date.now()));
    expect(screen.getByTestId('wall')).toHaveAttribute('data-scene', 'covid');
    act(() => useWallStore.getState().control({ action: 'pause' }, Date.now()));
    expect(screen.getByTestId('scene-progress')).toHaveTextContent('TẠM DỪNG');
    act(() => useLocaleStore.getState().setLocale('en'));
    expect(screen.getByTestId('wall-scene-title')).toHaveTextContent(
      'COVID-19 — new cases per 100,000 (7 days)',
    );
  });
});

describe('console', () => {
  afterEach(() => sessionStorage.clear());

  it('lists open alerts for the handover and sends an acknowledgement with the operator and comment', async () => {
    // This tab was opened with an operator token, the way consoles worked before sign-in (and still may).
    sessionStorage.setItem('ioc.operatorToken', 'op-token-0123456789');
    seedStore(withAlarm());
    const ack = vi.fn<LiveCommands['ack']>(async () => ({ ok: true, data: { seq: 103, duplicate: false } }));
    const commands: LiveCommands = {
      ack,
      assign: vi.fn(),
      resolve: vi.fn(),
      shelve: vi.fn(),
      unshelve: vi.fn(),
      controlWalls: vi.fn(async (cmd) => ({ ok: true as const, data: cmd })),
    };
    useConsoleStore.setState({ commands, operator: '', busy: {}, error: null });
    render(<ConsoleScreen />);
    const card = screen.getByTestId('console-alert');
    expect(card).toHaveAttribute('data-alert-id', 'sensor:wl-1@102');
    expect(screen.getByTestId('handover-summary')).toHaveTextContent('[KHẨN]');
    // No name, no acknowledgement: every action in the log says who did it.
    expect(within(card).getByTestId('alert-ack')).toBeDisabled();
    fireEvent.change(screen.getByTestId('operator-name'), { target: { value: 'Trực ban A' } });
    fireEvent.change(within(card).getByTestId('alert-comment'), { target: { value: 'Đã báo đội ứng cứu' } });
    fireEvent.click(within(card).getByTestId('alert-ack'));
    await vi.waitFor(() => expect(ack).toHaveBeenCalledTimes(1));
    expect(ack.mock.calls[0]![0]).toMatchObject({
      alertId: 'sensor:wl-1@102',
      operator: 'Trực ban A',
      comment: 'Đã báo đội ứng cứu',
    });
    fireEvent.click(screen.getByTestId('wall-next'));
    expect(commands.controlWalls).toHaveBeenCalledWith({ action: 'next' });
  });

  it('offers no action to a visitor without a right, and says why', () => {
    seedStore(withAlarm());
    useSessionStore.setState({ status: 'ready', principal: null, readAccess: 'open' });
    render(<ConsoleScreen />);
    expect(screen.getByTestId('console-alert')).toBeInTheDocument();
    expect(screen.queryByTestId('alert-ack')).toBeNull();
    expect(screen.queryByTestId('wall-remote')).toBeNull();
    expect(screen.getByTestId('read-only-note')).toHaveTextContent('Chế độ chỉ xem');
    expect(screen.getByTestId('sign-in-link')).toHaveAttribute('href', '/login?next=%2F');
  });

  it.each(['operator', 'admin'] as const)('gives a signed-in %s the actions under their own name', (role) => {
    seedStore(withAlarm());
    useConsoleStore.setState({ commands: null, operator: '', busy: {}, error: null });
    useSessionStore.setState({
      status: 'ready',
      principal: { name: 'nguyen.van.a', role },
      readAccess: 'open',
    });
    render(<ConsoleScreen />);
    expect(screen.getByTestId('alert-ack')).toBeInTheDocument();
    expect(screen.getByTestId('wall-remote')).toBeInTheDocument();
    expect(screen.getByTestId('operator-name')).toHaveValue('nguyen.van.a');
    expect(screen.queryByTestId('read-only-note')).toBeNull();
  });

  it('keeps the actions from a signed-in leader', () => {
    seedStore(withAlarm());
    useSessionStore.setState({ status: 'ready', principal: { name: 'lanh.dao', role: 'leader' } });
    render(<ConsoleScreen />);
    expect(screen.queryByTestId('alert-ack')).toBeNull();
    expect(screen.getByTestId('session-badge')).toHaveTextContent('Lãnh đạo');
  });
});

describe('wall scenes count their own area', () => {
  /** Online submissions in `area` at the given Vietnam-time instants, numbered from `seq`. */
  const submissions = (seq: number, area: string, isoTimes: readonly string[]): LoggedEvent[] =>
    isoTimes.map((iso, i) => onlineSubmitted(seq + i, area, Date.parse(`${iso}+07:00`)));

  it("shows Tân An's own figures in the Tân An scenes, not the province's", () => {
    seedStore();
    startWall('?scenes=tan-an:30,traffic:30&chime=0');
    render(<WallScreen />);
    expect(screen.getByTestId('wall-scene-title')).toHaveTextContent('TP. Tân An');
    // Tân An: 1.520 online today and 5.000 − 4.000 open; the province has 77.769 and 82.000.
    expect(screen.getByTestId('wall-tile-onlineToday-value')).toHaveTextContent(/^1\.520$/);
    expect(screen.getByTestId('wall-tile-openDossiers-value')).toHaveTextContent(/^1\.000$/);
    expect(screen.getByTestId('wall-tiles')).toHaveAttribute('data-area', '794');
  });

  it('scopes every scene of a wall to the district in its URL (?area=802): title, camera and tiles', async () => {
    const state = sampleState();
    const a802 = structuredClone(state.areas['794']!);
    a802.dossier = { ...a802.dossier, submitted: 700, resolved: 400, resolvedOnTime: 300 };
    a802.daily = { '2021-08-16': { submitted: 33, online: 33, covidNewCases: 0 } };
    state.areas['802'] = a802;
    seedStore(state);
    startWall('?scenes=province:30,tan-an:30&chime=0&area=802');
    render(<WallScreen />);
    expect(screen.getByTestId('wall-scene-title')).toHaveTextContent('Đức Hòa — Tổng quan');
    expect(screen.getByTestId('wall-tiles')).toHaveAttribute('data-area', '802');
    expect(screen.getByTestId('wall-tile-onlineToday-value')).toHaveTextContent(/^33$/);
    expect(screen.getByTestId('wall-tile-onTimeRate-value')).toHaveTextContent('75,00 %');
    const map = await screen.findByTestId('map-mock', {}, { timeout: 15_000 });
    expect(map.getAttribute('data-focus')).toMatch(/^scene:province:/);
    // The Tân An scene, on this wall, is about Đức Hòa too.
    act(() => useWallStore.getState().control({ action: 'next' }, Date.now()));
    expect(screen.getByTestId('wall-scene-title')).toHaveTextContent('Đức Hòa — Tổng quan');
    expect(screen.getByTestId('wall-tile-openDossiers-value')).toHaveTextContent(/^300$/);
  });

  it('compares today so far with yesterday up to the same minute, and says so, in words as well as colour', () => {
    // Yesterday: 3 before 09:30 and 200 in the evening; today (until 09:30): 2.
    const events = [
      ...submissions(1, '794', [
        '2021-08-15T07:00:00',
        '2021-08-15T08:10:00',
        '2021-08-15T09:29:10',
        ...Array.from({ length: 200 }, () => '2021-08-15T19:00:00'),
      ]),
      ...submissions(300, '794', ['2021-08-16T07:30:00', '2021-08-16T09:00:00']),
    ];
    seedStore(applyEvents(emptyDashboardState(), events, rollup));
    startWall('?scenes=province:30&chime=0');
    render(<WallScreen />);
    expect(screen.getByTestId('wall-tile-onlineToday-value')).toHaveTextContent(/^2$/);
    const delta = screen.getByTestId('wall-tile-onlineToday-delta');
    // 2 against yesterday's 3 until 09:30 — not against the 203 of the whole day.
    expect(delta).toHaveTextContent('▼ 1 so với cùng giờ hôm qua (đến 09:30) · xấu hơn');
    expect(delta).toHaveAttribute('data-verdict', 'worse');
  });
});
