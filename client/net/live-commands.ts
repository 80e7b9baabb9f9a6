import type { Socket } from 'socket.io-client';
import type {
  Ack,
  AlertAckCommand,
  AlertAssignCommand,
  AlertCommandResult,
  AlertResolveCommand,
  AlertShelveCommand,
  AlertUnshelveCommand,
  LiveClientToServer,
  LiveServerToClient,
  WallControl,
} from '../../protocol';

/** Operator commands over the `/live` connection, each answered by the server's ack. */
export interface LiveCommands {
  ack(cmd: AlertAckCommand): Promise<Ack<AlertCommandResult>>;
  assign(cmd: AlertAssignCommand): Promise<Ack<AlertCommandResult>>;
  resolve(cmd: AlertResolveCommand): Promise<Ack<AlertCommandResult>>;
  shelve(cmd: AlertShelveCommand): Promise<Ack<AlertCommandResult>>;
  unshelve(cmd: AlertUnshelveCommand): Promise<Ack<AlertCommandResult>>;
  controlWalls(cmd: WallControl): Promise<Ack<WallControl>>;
}

/** Long enough for a reconnect; a command not answered by then is reported as not done (it may be retried). */
const COMMAND_TIMEOUT_MS = 15_000;

export function liveCommands(socket: Socket<LiveServerToClient, LiveClientToServer>): LiveCommands {
  const send = async <T>(run: () => Promise<Ack<T>>): Promise<Ack<T>> => {
    try {
      return await run();
    } catch {
      return { ok: false, error: 'internal', details: 'no answer from the server' };
    }
  };
  const s = () => socket.timeout(COMMAND_TIMEOUT_MS);
  return {
    ack: (cmd) => send(() => s().emitWithAck('alert:ack', cmd)),
    assign: (cmd) => send(() => s().emitWithAck('alert:assign', cmd)),
    resolve: (cmd) => send(() => s().emitWithAck('alert:resolve', cmd)),
    shelve: (cmd) => send(() => s().emitWithAck('alert:shelve', cmd)),
    unshelve: (cmd) => send(() => s().emitWithAck('alert:unshelve', cmd)),
    controlWalls: (cmd) => send(() => s().emitWithAck('wall:control', cmd)),
  };
}

/** A fresh id per operator action; a retry of the same action re-sends it, so the log keeps one event. */
export function newRequestId(): string {
  return crypto.randomUUID();
}
