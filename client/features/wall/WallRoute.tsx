import { useEffect, useMemo } from 'react';
import { PROVINCE_CODE } from '../../../geo/areas';
import { t as translate } from '../../i18n';
import { useLocaleStore } from '../../i18n/locale.store';
import { connectLive } from '../../net/live-socket';
import { useAreasLoader } from '../../store/use-areas-loader';
import { useStore } from '../../store/store';
import { scenarioHour, useWallTimers } from './use-wall-timers';
import { useWallKeyboard } from './use-wall-keyboard';
import { parseWallUrl } from './wall-url';
import { useWallStore } from './wall.store';
import { WallScreen } from './WallScreen';
import { useWallTypography } from './use-wall-typography';
import './wall.css';

/**
 * `/wall`: the kiosk display. Its URL is its whole configuration (playlist, language, start scene, chime,
 * basemap); it follows the province's live feed and the console's remote control over the same socket.
 */
export default function WallRoute() {
  const profile = useMemo(() => parseWallUrl(window.location.search).profile, []);
  useWallTypography(profile);
  useEffect(() => {
    const config = parseWallUrl(window.location.search);
    useLocaleStore.getState().setLocale(config.lang);
    document.title = translate(config.lang, 'wall.title');
    useWallStore.getState().init(config, Date.now(), scenarioHour());
    return connectLive(useStore.getState(), PROVINCE_CODE, '/live', {
      onWallControl: (cmd) => useWallStore.getState().control(cmd, Date.now()),
    });
  }, []);
  useAreasLoader();
  useWallTimers();
  useWallKeyboard();
  return <WallScreen />;
}
