import { describe, expect, it } from 'vitest';
import { DISTRICTS_2021 } from '../../geo/areas';
import { choroplethScale, niceStep, STATUS_COLOURS, CHOROPLETH_RAMP } from '../../client/map/colours';
import { districtLayer, labelLayer, LAYER_IDS, sensorLayer } from '../../client/map/layers';
import type { AreasCollection } from '../../client/net/api';
import type { SiteMarker } from '../../client/store/selectors';

const marker = (siteId: string, status: SiteMarker['status']): SiteMarker => ({
  siteId,
  kind: 'water_level',
  lonLat: [106.42, 10.54],
  status,
});

const square = (code: string, kind: 'province' | 'district'): AreasCollection['features'][number] => ({
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [106, 10.5],
        [106.1, 10.5],
        [106.1, 10.6],
        [106, 10.5],
      ],
    ],
  },
  properties: {
    code,
    name: code,
    kind,
    parent: kind === 'province' ? null : '80',
    schematic: true,
    areaKm2: 1,
  },
});
const AREAS: AreasCollection = {
  type: 'FeatureCollection',
  features: [square('80', 'province'), square('794', 'district'), square('803', 'district')],
};

describe('sensor layer', () => {
  it('keeps its id across renders and colours each site by status', () => {
    const markers = [
      marker('a', 'ok'),
      marker('b', 'warning'),
      marker('c', 'alarm'),
      marker('d', 'stale'),
      marker('e', 'offline'),
    ];
    const a = sensorLayer({ markers });
    const b = sensorLayer({ markers: markers.slice(0, 2) });
    expect(a.id).toBe(LAYER_IDS.sensors);
    expect(b.id).toBe(a.id);
    const fill = a.props.getFillColor as unknown as (m: SiteMarker) => number[];
    expect(markers.map(fill)).toEqual([
      STATUS_COLOURS.ok,
      STATUS_COLOURS.warning,
      STATUS_COLOURS.alarm,
      STATUS_COLOURS.stale,
      STATUS_COLOURS.offline,
    ]);
    expect(STATUS_COLOURS.ok).toEqual([46, 204, 113, 255]);
    const radius = a.props.getRadius as (m: SiteMarker) => number;
    expect(radius(markers[2]!)).toBeGreaterThan(radius(markers[0]!));
  });

  it('changes its update trigger exactly when a status changes', () => {
    const triggers = (m: SiteMarker[]) => sensorLayer({ markers: m }).props.updateTriggers.getFillColor;
    expect(triggers([marker('a', 'ok')])).toEqual(triggers([marker('a', 'ok')]));
    expect(triggers([marker('a', 'ok')])).not.toEqual(triggers([marker('a', 'alarm')]));
  });
});

describe('district choropleth', () => {
  it('colours the districts (not the province) by their value class', () => {
    const values = { '80': 9999, '794': 0, '803': 900 };
    const scale = choroplethScale([0, 900]);
    const layer = districtLayer({ areas: AREAS, values, scale, metric: 'onlineToday' });
    expect(layer.id).toBe(LAYER_IDS.districts);
    const data = layer.props.data as AreasCollection['features'];
    expect(data.map((f) => f.properties.code)).toEqual(['794', '803']);
    const fill = layer.props.getFillColor as unknown as (f: AreasCollection['features'][number]) => number[];
    expect(fill(data[0]!)).toEqual(CHOROPLETH_RAMP[0]);
    expect(fill(data[1]!)).toEqual(CHOROPLETH_RAMP[4]);
    expect(layer.props.updateTriggers.getFillColor).toEqual(['onlineToday', scale.step, values]);
    // Same collection, same filtered array: deck.gl does not re-tessellate polygons each render.
    expect(districtLayer({ areas: AREAS, values, scale, metric: 'x' }).props.data).toBe(data);
  });

  it('uses round class bounds', () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(180)).toBe(200);
    expect(niceStep(3.2)).toBe(5);
    const scale = choroplethScale([0, 120, 940]);
    expect(scale.step).toBe(200);
    expect(scale.classes.map((c) => [c.from, c.to])).toEqual([
      [0, 199],
      [200, 399],
      [400, 599],
      [600, 799],
      [800, 999],
    ]);
  });
});

describe('label layer', () => {
  it('writes the Vietnamese district names at their seats with an automatic character set', () => {
    const layer = labelLayer({ districts: DISTRICTS_2021 });
    expect(layer.id).toBe(LAYER_IDS.labels);
    expect(layer.props.characterSet).toBe('auto');
    const text = layer.props.getText as (a: (typeof DISTRICTS_2021)[number]) => string;
    expect(DISTRICTS_2021.map(text)).toContain('Đức Huệ');
  });
});
