import { useEffect } from 'react';
import { VN_OFFSET_MS } from '../../../protocol/time';
import { scenarioNowMs } from '../../store/clock.slice';
import { useStore } from '../../store/store';
import { TAKEOVER_MAX_MS, takeoverCandidate } from './takeover';
import { SCENES, scopeScene } from './playlists';
import { addSamples, computeTiles, SAMPLED_TILES } from './wall-tiles';
import { useWallStore } from './wall.store';

const SAMPLE_EVERY_MS = 60_000;

/** Hour of day (0–24, Vietnam time) of the scenario clock, or of the browser's clock before the first tick. */
export function scenarioHour(): number {
  const clock = useStore.getState().clock;
  const now = clock ? scenarioNowMs(clock, Date.now()) : Date.now();
  return (((now + VN_OFFSET_MS) % 86_400_000) / 3_600_000 + 24) % 24;
}

/**
 * The wall's two clocks: every second the playlist moves on when a scene's time is up and a takeover that has
 * held the wall long enough is parked; every minute the sensor tiles are sampled for their sparklines. One interval each for the page's life, whatever re-renders.
 */
export function useWallTimers(): void {
  useEffect(() => {
    const rotate = setInterval(() => {
      const wall = useWallStore.getState();
      wall.tick(Date.now(), scenarioHour());
      const { feed, clock } = useStore.getState();
      const alerts = feed.state?.alerts;
      const now = clock ? scenarioNowMs(clock, Date.now()) : Date.now();
      const holding = alerts ? takeoverCandidate(alerts, now, wall.parked) : null;
      wall.hold(holding?.id ?? null, Date.now(), TAKEOVER_MAX_MS);
    }, 1000);
    const sample = () => {
      const { feed, clock, rollup } = useStore.getState();
      if (!feed.state) return;
      const now = clock ? scenarioNowMs(clock, Date.now()) : Date.now();
      const wall = useWallStore.getState();
      // Each area some scene counts keeps its own history, so a sparkline never mixes two areas.
      const areas = new Set(wall.items.map((i) => scopeScene(SCENES[i.scene], wall.config.area).focusArea));
      let samples = wall.samples;
      for (const area of areas)
        samples = addSamples(
          samples,
          computeTiles(SAMPLED_TILES, feed.state, now, rollup, samples, area),
          area,
        );
      wall.setSamples(samples);
    };
    const sampler = setInterval(sample, SAMPLE_EVERY_MS);
    const first = setTimeout(sample, 2000);
    return () => {
      clearInterval(rotate);
      clearInterval(sampler);
      clearTimeout(first);
    };
  }, []);
}
