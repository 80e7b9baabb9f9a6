import type { MessageKey } from '../i18n';
import type { AreasCollection } from '../net/api';

/**
 * What the map says about its boundaries: "schematic" when every unit is the product's approximation, the
 * source with the schematic part named when only some are (Tân An's wards on the open districts), and the
 * set's name and source when none is (an imported official set).
 */
export function areaSetNote(
  areas: AreasCollection | null,
): { key: MessageKey; params: Record<string, string>; schematic: 'all' | 'part' | 'none' } | null {
  if (!areas) return null;
  const schematic = areas.features.filter((f) => f.properties.schematic).length;
  const source = areas.source ?? '';
  const name = areas.name ?? '';
  if (schematic === areas.features.length) return { key: 'map.schematic', params: {}, schematic: 'all' };
  if (schematic > 0) return { key: 'map.schematicPart', params: { source }, schematic: 'part' };
  return source
    ? { key: 'map.official', params: { name, source }, schematic: 'none' }
    : { key: 'map.officialNoSource', params: { name }, schematic: 'none' };
}
