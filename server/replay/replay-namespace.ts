import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  ReplayAuth,
  ReplayJump,
  ReplayPause,
  ReplayPlay,
  ReplaySeek,
  ReplayStep,
  type Ack,
  type ReplayClientToServer,
  type ReplayServerToClient,
  type ReplaySnapshot,
} from '../../protocol';
import { describeIssues } from '../ingest/describe-issues';
import { protocolGuard } from '../live/protocol-guard';
import {
  withholdAlertDetails,
  withholdReplayBatchDetails,
  withholdStateDetails,
} from '../security/ops-redaction';
import { createReplaySession, type ReplaySession, type ReplaySessionDeps } from './replay-session';

export type ReplayNamespace = Namespace<ReplayClientToServer, ReplayServerToClient>;
type ReplaySocket = Socket<ReplayClientToServer, ReplayServerToClient>;
/** The `data` of the ack a command answers with. */
type AckData<K extends keyof ReplayClientToServer> =
  Parameters<Parameters<ReplayClientToServer[K]>[1]>[0] extends Ack<infer T> ? T : never;

/**
 * Validates a command with its schema and answers with a typed ack; a failure inside the session is an
 * `internal` error for this analyst only, never a crash of the namespace.
 */
function command<K extends keyof ReplayClientToServer, S extends z.ZodType>(
  socket: ReplaySocket,
  name: K,
  schema: S,
  run: (req: z.infer<S>) => Promise<AckData<K>>,
) {
  const listener = (req: unknown, ack: (res: Ack<AckData<K>>) => void) => {
    if (typeof ack !== 'function') return;
    const parsed = schema.safeParse(req ?? {});
    if (!parsed.success)
      return ack({ ok: false, error: 'invalid_payload', details: describeIssues(parsed.error.issues) });
    run(parsed.data).then(
      (data) => ack({ ok: true, data }),
      (err: unknown) => {
        console.error('replay command failed', err);
        ack({ ok: false, error: 'internal' });
      },
    );
  };
  // Registered untyped: the payload is `unknown` until the schema has checked it.
  (socket as Socket).on(name as string, listener);
}

/** One isolated session per socket, dropped with the connection. Returns the open sessions (for stats). */
export function setupReplayNamespace(
  nsp: ReplayNamespace,
  deps: ReplaySessionDeps,
  /** Whether the socket holds the operate right; others get operators' names and comments withheld. */
  seesOpsDetails: (socket: Socket) => boolean = () => true,
): ReadonlyMap<string, ReplaySession> {
  const sessions = new Map<string, ReplaySession>();
  nsp.use(protocolGuard(ReplayAuth));
  nsp.on('connection', (socket: ReplaySocket) => {
    const full = seesOpsDetails(socket as Socket);
    const session = createReplaySession(deps, (batch, done) =>
      socket.emit('replay:batch', full ? batch : withholdReplayBatchDetails(batch), done),
    );
    sessions.set(socket.id, session);
    const shown = <T extends ReplaySnapshot>(snap: T): T =>
      full ? snap : { ...snap, state: withholdStateDetails(snap.state) };
    command(socket, 'replay:seek', ReplaySeek, async (r) => shown(await session.seek(r.atMs)));
    command(socket, 'replay:play', ReplayPlay, (r) => session.play(r.speed, r.untilMs));
    command(socket, 'replay:pause', ReplayPause, () => session.pause());
    command(socket, 'replay:step', ReplayStep, async (r) => shown(await session.step(r.count)));
    command(socket, 'replay:jump', ReplayJump, async (r) => {
      const jumped = shown(await session.jump(r.direction));
      return full || !jumped.alert ? jumped : { ...jumped, alert: withholdAlertDetails(jumped.alert) };
    });
    socket.on('disconnect', () => {
      session.close();
      sessions.delete(socket.id);
    });
  });
  return sessions;
}
