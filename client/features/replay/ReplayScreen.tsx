import { MapPanel } from '../../map/MapPanel';
import { AreaBreadcrumbs } from '../operator/AreaBreadcrumbs';
import { KpiPanel } from '../operator/KpiPanel';
import { OnlineDailyChart } from '../operator/OnlineDailyChart';
import { ProtocolBanner } from '../operator/ProtocolBanner';
import { BookmarkPanel } from './BookmarkPanel';
import { ReplayAlertFeed } from './ReplayAlertFeed';
import { ReplayControlsBar } from './ReplayControlsBar';
import { ReplayHeader } from './ReplayHeader';
import { ReplayTimelineBar } from './ReplayTimelineBar';
import { useReplayKeys } from './use-replay-keys';
import './replay.css';

/**
 * The operator's screen (same map, drill-down, tiles, chart) with the replay header, controls, scrubber, alert
 * feed and bookmarks.
 */
export function ReplayScreen() {
  useReplayKeys();
  return (
    <div className="operator replay" data-testid="replay-screen">
      <ProtocolBanner />
      <ReplayHeader />
      <main className="operator__main">
        <MapPanel holdMapUntilState capturable />
        <aside className="operator__side">
          <AreaBreadcrumbs />
          <KpiPanel />
          <OnlineDailyChart />
          <div className="replay__notes">
            <ReplayAlertFeed />
            <BookmarkPanel />
          </div>
        </aside>
      </main>
      <footer className="replay__footer">
        <ReplayControlsBar />
        <ReplayTimelineBar />
      </footer>
    </div>
  );
}
