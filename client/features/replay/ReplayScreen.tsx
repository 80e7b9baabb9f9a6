import { MapPanel } from '../../map/MapPanel';
import { KpiPanel } from '../operator/KpiPanel';
import { OnlineDailyChart } from '../operator/OnlineDailyChart';
import { ProtocolBanner } from '../operator/ProtocolBanner';
import { ReplayAlertFeed } from './ReplayAlertFeed';
import { ReplayControlsBar } from './ReplayControlsBar';
import { ReplayHeader } from './ReplayHeader';
import { ReplayTimelineBar } from './ReplayTimelineBar';
import { useReplayKeys } from './use-replay-keys';
import './replay.css';

/** The operator's screen (same map, tiles, chart) with the replay header, controls and scrubber. */
export function ReplayScreen() {
  useReplayKeys();
  return (
    <div className="operator replay" data-testid="replay-screen">
      <ProtocolBanner />
      <ReplayHeader />
      <main className="operator__main">
        <MapPanel />
        <aside className="operator__side">
          <KpiPanel />
          <OnlineDailyChart />
          <ReplayAlertFeed />
        </aside>
      </main>
      <footer className="replay__footer">
        <ReplayControlsBar />
        <ReplayTimelineBar />
      </footer>
    </div>
  );
}
