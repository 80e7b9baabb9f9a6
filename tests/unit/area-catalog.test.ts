import { describe, expect, it } from 'vitest';
import { createAreaSetRegistry, parseAreaSet, type AreaSet } from '../../geo';
import { AreaTree, rollupOfTree } from '../../protocol';
import { createAreaCatalog } from '../../server/areas/area-catalog';

const ring = [
  [106, 10.5],
  [106.1, 10.5],
  [106.1, 10.6],
  [106, 10.5],
] as [number, number][];

/** A set that adds a district (809) to Long An and a commune (27995) under it. */
function newDistrictSet(): AreaSet {
  const feature = (code: string, kind: 'province' | 'district' | 'commune', parent: string | null) => ({
    type: 'Feature' as const,
    properties: { code, name: `Unit ${code}`, kind, parent },
    geometry: { type: 'Polygon' as const, coordinates: [ring] },
  });
  const parsed = parseAreaSet({
    type: 'FeatureCollection',
    name: 'new-district',
    validFrom: '2021-01-01',
    features: [
      feature('80', 'province', null),
      feature('809', 'district', '80'),
      feature('27995', 'commune', '809'),
    ],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.set;
}

describe('area catalog', () => {
  it('follows a set added to the registry in every list it derives, and says so', () => {
    const registry = createAreaSetRegistry();
    const catalog = createAreaCatalog(registry, []);
    const before = catalog.tree();
    let changes = 0;
    catalog.onChange(() => changes++);
    expect(catalog.districts().map((d) => d.code)).not.toContain('809');
    expect(catalog.areasWithin('80')).not.toContain('27995');

    registry.add(newDistrictSet());

    expect(changes).toBe(1);
    expect(catalog.areas().map((a) => a.code)).toEqual(expect.arrayContaining(['809', '27995']));
    expect(catalog.districts().map((d) => d.code)).toContain('809');
    expect(catalog.areasWithin('80')).toEqual(expect.arrayContaining(['809', '27995']));
    expect(catalog.areasWithin('809').sort()).toEqual(['27995', '809']);
    const after = AreaTree.parse(catalog.tree());
    expect(after.version).toBeGreaterThan(before.version);
    expect(before.chains['27995']).toBeUndefined();
    // The tree is the server's rollup, code for code.
    for (const a of catalog.areas())
      expect(rollupOfTree(after)(a.code), a.code).toEqual(registry.rollup(a.code));
  });

  it('keeps a fixed list when there is no registry', () => {
    const catalog = createAreaCatalog(undefined, newDistrictSet().areas);
    expect(catalog.tree().chains['27995']).toEqual(['27995', '809', '80']);
    expect(catalog.districts().map((d) => d.code)).toEqual(['809']);
    expect(catalog.isKnownArea('794')).toBe(false);
  });
});
