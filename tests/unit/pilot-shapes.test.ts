import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { LONG_AN_2021 } from '../../geo/built-in-sets';
import { PILOT_UNITS } from '../../geo/pilot-units';
import { pilotBounds, pilotShapes } from '../../client/map/pilot-shapes';
import type { AreasCollection } from '../../client/net/api';

// The default set as GET /api/areas sends it: the browser places the pilots from what it received.
const wire = JSON.parse(JSON.stringify(LONG_AN_2021.collection)) as AreasCollection;
const parentOf = (code: string) => PILOT_UNITS.find((u) => u.code === code)!.parent!;
const host = (code: string) => wire.features.find((f) => f.properties.code === parentOf(code))!;

describe("the pilot units on the map: schematic cells inside their districts' real outlines", () => {
  const shapes = pilotShapes(wire);

  it('draws the two communes and the ward as cells wholly inside their district, labelled schematic', () => {
    expect(shapes.cells.map((f) => f.properties.code)).toEqual(['99101', '99102', '99103']);
    for (const cell of shapes.cells) {
      expect(cell.properties.schematic).toBe(true);
      const ring = cell.geometry.type === 'Polygon' ? cell.geometry.coordinates[0]! : [];
      expect(ring.length).toBeGreaterThanOrEqual(4);
      for (const p of ring)
        expect(booleanPointInPolygon(p, host(cell.properties.code)), `${cell.properties.code} at ${p}`).toBe(
          true,
        );
    }
  });

  it('draws the Department of ICT as a point in Tân An, not as a territory', () => {
    expect(shapes.cells.some((f) => f.properties.code === '99104')).toBe(false);
    expect(shapes.marks).toHaveLength(1);
    expect(shapes.marks[0]!.code).toBe('99104');
    expect(booleanPointInPolygon(shapes.marks[0]!.lonLat, host('99104'))).toBe(true);
  });

  it('frames a pilot with its cell in view and some of its district around it', () => {
    for (const code of ['99101', '99102', '99103', '99104']) {
      const [[w, s], [e, n]] = pilotBounds(shapes, code) as [[number, number], [number, number]];
      expect(e - w).toBeGreaterThanOrEqual(0.1 - 1e-9);
      expect(n - s).toBeGreaterThanOrEqual(0.1 - 1e-9);
      // Much closer than the province (about 1,6° wide).
      expect(e - w).toBeLessThan(0.3);
      const cell = shapes.cells.find((f) => f.properties.code === code);
      const points = cell
        ? cell.geometry.type === 'Polygon'
          ? cell.geometry.coordinates[0]!
          : []
        : [shapes.marks[0]!.lonLat];
      for (const [lon, lat] of points) {
        expect(lon).toBeGreaterThanOrEqual(w);
        expect(lon).toBeLessThanOrEqual(e);
        expect(lat).toBeGreaterThanOrEqual(s);
        expect(lat).toBeLessThanOrEqual(n);
      }
    }
    expect(pilotBounds(shapes, '807')).toBeNull();
  });

  it('places the cells once per set received', () => {
    expect(pilotShapes(wire)).toBe(shapes);
    expect(pilotShapes(null).cells).toEqual([]);
  });
});
