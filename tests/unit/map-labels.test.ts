import { describe, expect, it } from 'vitest';
import { LONG_AN_2021, SCHEMATIC_2025 } from '../../geo';
import { polygonContains, polygonsOf } from '../../geo/ring';
import { areaLabels } from '../../client/map/area-labels';
import { areaSetNote } from '../../client/map/area-set-note';
import { placeLabels, type LabelCandidate } from '../../client/map/label-placement';
import type { AreasCollection } from '../../client/net/api';

const box = (id: string, x: number, y: number, priority = 0, width = 100, height = 20): LabelCandidate => ({
  id,
  x,
  y,
  width,
  height,
  priority,
});
const overlap = (a: number[], b: number[]) =>
  a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;
const asAreas = (c: unknown) => c as AreasCollection;

describe('label placement', () => {
  it('hides the lower-priority of two overlapping labels ("Tân Trụ" over "Cần Đước")', () => {
    const placed = placeLabels([box('805', 500, 300, 1), box('806', 540, 305, 2)], {
      width: 1920,
      height: 1080,
    });
    expect(placed.map((p) => p.id)).toEqual(['806']);
  });

  it('keeps labels that do not touch, and never two overlapping boxes among many', () => {
    const many = Array.from({ length: 200 }, (_, i) => box(`l${i}`, (i * 37) % 1900, (i * 53) % 1060, i % 7));
    const placed = placeLabels(many, { width: 1920, height: 1080 });
    expect(placed.length).toBeGreaterThan(20);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i]!.box, placed[j]!.box)).toBe(false);
  });

  it('drops a label cut by the edge of the view', () => {
    expect(placeLabels([box('a', 10, 100)], { width: 800, height: 600 })).toEqual([]);
  });
});

describe('area labels', () => {
  it('names the units drawn, each written inside its own shape, the focused one first', () => {
    const labels = areaLabels(asAreas(LONG_AN_2021.collection), '803');
    expect(labels).toHaveLength(15);
    const byCode = new Map(LONG_AN_2021.collection.features.map((f) => [f.properties.code, f]));
    for (const l of labels)
      expect(
        polygonsOf(byCode.get(l.code)!.geometry).some((p) => polygonContains(p, l.seat)),
        l.name,
      ).toBe(true);
    expect(Math.max(...labels.map((l) => l.priority))).toBe(labels.find((l) => l.code === '803')!.priority);
  });

  it("labels Tân An's wards instead of the city when the view stands in it", () => {
    const labels = areaLabels(asAreas(LONG_AN_2021.collection), '27694', '794');
    expect(labels.some((l) => l.code === '794')).toBe(false);
    expect(labels.filter((l) => l.parent === '794')).toHaveLength(14);
  });

  it('labels the 2025 units, not the 2021 districts, after the change', () => {
    const names = areaLabels(asAreas(SCHEMATIC_2025.collection), '27694').map((l) => l.name);
    expect(names).toContain('Phường Long An');
    expect(names).toContain('Bến Lức (cũ)');
    expect(names).not.toContain('Bến Lức');
  });
});

describe('area set note', () => {
  it('names the schematic part only, on the open districts', () => {
    expect(areaSetNote(asAreas(LONG_AN_2021.collection))).toMatchObject({
      key: 'map.schematicPart',
      schematic: 'part',
      params: { source: expect.stringMatching(/geoBoundaries/) },
    });
  });

  it('says schematic for the 2025 set, and the name and source for an official one', () => {
    expect(areaSetNote(asAreas(SCHEMATIC_2025.collection))?.schematic).toBe('all');
    const official = {
      ...LONG_AN_2021.collection,
      name: 'official-2021',
      source: 'Sở TN&MT Long An',
      features: LONG_AN_2021.collection.features.map((f) => ({
        ...f,
        properties: { ...f.properties, schematic: false },
      })),
    };
    expect(areaSetNote(asAreas(official))).toEqual({
      key: 'map.official',
      params: { name: 'official-2021', source: 'Sở TN&MT Long An' },
      schematic: 'none',
    });
  });
});
