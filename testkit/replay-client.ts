import { io, type Socket } from 'socket.io-client';
import {
  applyEvents,
  PROTOCOL_VERSION,
  type Ack,
  type AreaRollup,
  type DashboardState,
  type ReplayBatch,
  type ReplayClientToServer,
  type ReplayServerToClient,
} from '../protocol';

export type ReplaySocket = Socket<ReplayServerToClient, ReplayClientToServer>;

/** Unwraps a command's ack, failing the test with the server's reason when it is not ok. */
export function ok<T>(res: Ack<T>): T {
  if (!res.ok) throw new Error(`replay command refused: ${res.error} ${JSON.stringify(res.details)}`);
  return res.data;
}

export async function connectReplay(url: string): Promise<ReplaySocket> {
  const socket: ReplaySocket = io(`${url}/replay`, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/**
 * An analyst's browser in miniature: starts from a seek's state and folds every batch with the shared
 * reducer, acknowledging each once applied. `untilPaused` resolves when the server says playback stopped.
 */
export function replayFolder(socket: ReplaySocket, rollup: AreaRollup) {
  const folder = {
    state: null as DashboardState | null,
    epoch: 0,
    batches: [] as ReplayBatch[],
    reset(state: DashboardState, epoch: number) {
      folder.state = state;
      folder.epoch = epoch;
    },
    untilPaused(): Promise<void> {
      return new Promise((resolve) => {
        const check = (batch: ReplayBatch) => {
          if (batch.position.playing) return;
          socket.off('replay:batch', check);
          resolve();
        };
        socket.on('replay:batch', check);
      });
    },
  };
  socket.on('replay:batch', (batch, done) => {
    if (batch.position.epoch === folder.epoch && folder.state) {
      folder.batches.push(batch);
      folder.state = batch.state ?? applyEvents(folder.state, batch.events, rollup);
    }
    done();
  });
  return folder;
}
