import { describe, expect, it } from 'vitest';
import { DISTRICTS_2021 } from '../../geo/areas';
import { choroplethScale, STATUS_COLOURS, CHOROPLETH_RAMP } from '../../client/map/colours';
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
    expect(layer.props.updateTriggers.getFillColor).toEqual(['onlineToday', scale.key, values]);
    // Same collection, same filtered array: deck.gl does not re-tessellate polygons each render.
    expect(districtLayer({ areas: AREAS, values, scale, metric: 'x' }).props.data).toBe(data);
  });

  it('draws quantile classes from the data, so a skewed metric does not come out one flat colour', () => {
    // One district far ahead: equal intervals over 0..max put the 14 others in the lowest class.
    const values = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 900];
    const scale = choroplethScale(values);
    expect(scale.classes).toHaveLength(5);
    const colours = new Set(values.map((v) => scale.colourOf(v).join()));
    expect(colours.size).toBe(5);
    expect(scale.classes.map((c) => [c.from, c.to])).toEqual([
      [3, 5],
      [6, 8],
      [9, 11],
      [12, 14],
      [15, 900],
    ]);
    expect(scale.colourOf(3)).toEqual(CHOROPLETH_RAMP[0]);
    expect(scale.colourOf(900)).toEqual(CHOROPLETH_RAMP[4]);
  });

  it('keeps equal values in one class and gives fewer distinct values one class each, far apart', () => {
    const scale = choroplethScale([96, 96, 96, 97, 97, 100]);
    expect(scale.classes.map((c) => [c.from, c.to])).toEqual([
      [96, 96],
      [97, 97],
      [100, 100],
    ]);
    expect(scale.classes.map((c) => c.colour)).toEqual([
      CHOROPLETH_RAMP[0],
      CHOROPLETH_RAMP[2],
      CHOROPLETH_RAMP[4],
    ]);
    expect(choroplethScale([5, 5, 5]).classes).toEqual([{ from: 5, to: 5, colour: CHOROPLETH_RAMP[2] }]);
    expect(choroplethScale([]).classes).toHaveLength(1);
    expect(choroplethScale([1, 2]).key).not.toBe(choroplethScale([1, 3]).key);
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
