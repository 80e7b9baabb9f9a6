import { MapPanel } from '../../map/MapPanel';
import { AreaBreadcrumbs } from './AreaBreadcrumbs';
import { Header } from './Header';
import { KpiPanel } from './KpiPanel';
import { OnlineDailyChart } from './OnlineDailyChart';
import { ProtocolBanner } from './ProtocolBanner';

/** The wall screen: map on the left, the province-vs-Tân An figures and the trend on the right. */
export function OperatorScreen() {
  return (
    <div className="operator">
      <ProtocolBanner />
      <Header />
      <main className="operator__main">
        <MapPanel />
        <aside className="operator__side">
          <AreaBreadcrumbs />
          <KpiPanel />
          <OnlineDailyChart />
        </aside>
      </main>
    </div>
  );
}
