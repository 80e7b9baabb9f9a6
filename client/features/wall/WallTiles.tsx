import { useMemo, useRef } from 'react';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { effectiveNowMs } from '../../store/selectors';
import type { SceneDef } from './playlists';
import { computeTiles } from './wall-tiles';
import { useWallStore } from './wall.store';
import { WallTile } from './WallTile';
import { useFitChildren } from './use-fit-children';

/**
 * The scene's KPI tiles, recomputed when the state changes and once a second for their ages. As many as fit
 * whole at the profile's type size, in the scene's order of importance.
 */
export function WallTiles({ scene }: { scene: SceneDef }) {
  const ref = useRef<HTMLElement>(null);
  useFitChildren(ref);
  const state = useStore((s) => s.feed.state);
  const rollup = useStore((s) => s.rollup);
  const samples = useWallStore((s) => s.samples);
  const scenarioNow = useScenarioNow(1000);
  const now = state ? effectiveNowMs(state, scenarioNow) : 0;
  const tiles = useMemo(
    () => (state ? computeTiles(scene.tiles, state, now, rollup, samples, scene.focusArea) : []),
    [state, scene.tiles, now, samples, scene.focusArea, rollup],
  );
  return (
    <section
      ref={ref}
      className="wall-tiles"
      data-testid="wall-tiles"
      data-count={tiles.length}
      data-area={scene.focusArea}
    >
      {tiles.map((tile) => (
        <WallTile key={tile.id} tile={tile} nowMs={now} />
      ))}
    </section>
  );
}
