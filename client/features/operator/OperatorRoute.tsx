import { useEffect } from 'react';
import { PROVINCE_CODE } from '../../../geo/areas';
import { connectLive } from '../../net/live-socket';
import { useAreasLoader } from '../../store/use-areas-loader';
import { useSiteAreasLoader } from '../../store/use-site-areas-loader';
import { useStore } from '../../store/store';
import { OperatorScreen } from './OperatorScreen';

/** The operator screen at `/`: the province's live feed and areas, drawn by OperatorScreen. */
export default function OperatorRoute() {
  useEffect(() => connectLive(useStore.getState(), PROVINCE_CODE), []);
  useAreasLoader();
  useSiteAreasLoader();
  return <OperatorScreen />;
}
