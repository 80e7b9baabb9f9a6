import { useEffect } from 'react';
import { PROVINCE_CODE } from '../../../geo/areas';
import { connectLive } from '../../net/live-socket';
import { useStore } from '../../store/store';
import { useConsoleStore } from './console.store';
import { ConsoleScreen } from './ConsoleScreen';
import './console.css';

/** `/console`: the operator's desk beside the wall — acknowledge, assign, resolve, hand over, steer the walls. */
export default function ConsoleRoute() {
  useEffect(
    () =>
      connectLive(useStore.getState(), PROVINCE_CODE, '/live', {
        onCommands: (c) => useConsoleStore.getState().setCommands(c),
      }),
    [],
  );
  return <ConsoleScreen />;
}
