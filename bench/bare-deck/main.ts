/*
 * The browser bench's baseline: deck.gl alone (no basemap, no React, no store) drawing the same sites from the
 * same `/live` state-mode feed as the wall, in the way deck.gl draws fastest: typed arrays as binary attributes,
 * updated in place when a batch arrives. Same marker style as the wall's site layer (client/map/layers.ts).
 */
import { Deck, WebMercatorViewport } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { io } from 'socket.io-client';
import type { Ack, DashboardState, LiveBatch, LiveSnapshot, SiteState } from '../../protocol';
import { applyValueOp } from '../../protocol/json-diff';
import {
  applyBinarySites,
  readBinarySites,
  siteTableOf,
  type SiteTable,
} from '../../protocol/state/site-patch-binary';
import { siteStatus, type StatusRules } from '../../protocol/state/sensor-status';
import { PROTOCOL_VERSION } from '../../protocol/version';
import { STATUS_COLOURS } from '../../client/map/colours';

const parent = document.getElementById('deck') as HTMLDivElement;
const { longitude, latitude, zoom } = new WebMercatorViewport({
  width: parent.clientWidth,
  height: parent.clientHeight,
}).fitBounds(
  [
    [105.5, 10.4],
    [106.75, 11.03],
  ],
  { padding: 24 },
);
const deck = new Deck({
  parent,
  initialViewState: { longitude, latitude, zoom },
  controller: false,
  layers: [],
});

const index = new Map<string, number>();
let positions = new Float32Array(0);
let colours = new Uint8Array(0);
let radii = new Float32Array(0);
const bench = { seq: 0, sites: 0, batches: 0 };
// The status comes from the rules in force, as on the wall: the snapshot's, then each patch's.
let rules: StatusRules = { rules: null, conditions: {} };
// The sites and alerts as the patches leave them: a patch names what changed, field by field.
let held: Pick<DashboardState, 'sites' | 'alerts'> | null = null;
let table: SiteTable | null = null;
(window as unknown as { __bare: typeof bench }).__bare = bench;

function put(i: number, s: SiteState, nowMs: number): void {
  const status = siteStatus(s, rules, nowMs);
  positions[2 * i] = s.lonLat[0];
  positions[2 * i + 1] = s.lonLat[1];
  colours.set(STATUS_COLOURS[status], 4 * i);
  radii[i] = status === 'alarm' ? 9 : status === 'warning' ? 7 : 5;
}

function draw(): void {
  deck.setProps({
    layers: [
      new ScatterplotLayer({
        id: 'sites',
        // A new data object per batch: deck.gl re-uploads the three buffers and nothing else.
        data: {
          length: index.size,
          attributes: {
            getPosition: { value: positions, size: 2 },
            getFillColor: { value: colours, size: 4, normalized: true },
            getRadius: { value: radii, size: 1 },
          },
        },
        radiusUnits: 'pixels',
        stroked: true,
        getLineColor: [10, 16, 24, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
      }),
    ],
  });
}

// `?transport=websocket` skips the HTTP long-polling start (Socket.IO's default, as the SPA's): at 100k sites a
// second's batch is ~15 MB, and batches queued while polling arrive concatenated in one response.
const wsOnly = new URLSearchParams(location.search).get('transport') === 'websocket';
const socket = io('/live', {
  auth: { protocolVersion: PROTOCOL_VERSION },
  ...(wsOnly ? { transports: ['websocket'] } : {}),
});
socket.on('connect', () => {
  socket.emit('live:subscribe', { area: '80', mode: 'state' }, (res: Ack<LiveSnapshot>) => {
    if (!res.ok) return;
    const sites = Object.values(res.data.state.sites);
    rules = res.data.state.alerts;
    held = res.data.state;
    table = null;
    index.clear();
    positions = new Float32Array(2 * sites.length);
    colours = new Uint8Array(4 * sites.length);
    radii = new Float32Array(sites.length);
    const now = Date.now();
    sites.forEach((s, i) => {
      index.set(s.siteId, i);
      put(i, s, now);
    });
    bench.seq = res.data.seq;
    bench.sites = sites.length;
    draw();
  });
});
socket.on('live:batch', (batch: LiveBatch) => {
  if (!batch.patch || batch.toSeq <= bench.seq) return;
  const now = Date.now();
  if (!held) return;
  const { sites: sitesOp, alerts: alertsOp } = batch.patch;
  if (alertsOp) {
    held = { ...held, alerts: applyValueOp(held.alerts, alertsOp) as DashboardState['alerts'] };
    rules = held.alerts;
  }
  if (sitesOp) {
    held = { ...held, sites: applyValueOp(held.sites, sitesOp) as DashboardState['sites'] };
    // Only the sites the patch names are written into the buffers.
    const changed = sitesOp[0] === 'patch' ? Object.keys(sitesOp[1]) : Object.keys(held.sites);
    for (const id of changed) {
      const i = index.get(id);
      const s = held.sites[id];
      if (i !== undefined && s) put(i, s, now);
    }
  }
  if (batch.binarySites) {
    // The binary part names sites by their index in the sorted site table, applied after the JSON part.
    const cols = readBinarySites(batch.binarySites);
    table = siteTableOf(held as DashboardState, table);
    held = { ...held, sites: applyBinarySites(held as DashboardState, cols, table).sites };
    for (const t of cols.indices) {
      const id = table.ids[t]!;
      const i = index.get(id);
      if (i !== undefined) put(i, held.sites[id]!, now);
    }
  }
  bench.seq = batch.toSeq;
  bench.batches++;
  draw();
});
