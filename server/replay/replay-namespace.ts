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
import { parseOrRefuse } from '../live/parse-or-refuse';
import { protocolGuard, refuse } from '../live/protocol-guard';
import { guardMessages, yieldToLoop, type MessageGuard } from '../security/message-guard';
import {
  withholdAlertDetails,
  withholdReplayBatchDetails,
  withholdStateDetails,
} from '../security/ops-redaction';
import { createReplaySession, type ReplaySession, type ReplaySessionDeps } from './replay-session';
import { componentLogger } from '../log/logger';

export type ReplayNamespace = Namespace<ReplayClientToServer, ReplayServerToClient>;
type ReplaySocket = Socket<ReplayClientToServer, ReplayServerToClient>;
/** The `data` of the ack a command answers with. */
/** Open replay sessions allowed at once: in total on this node, and per principal. */
export interface ReplaySessionLimits {
  total: number;
  perPrincipal: number;
}

export const DEFAULT_REPLAY_SESSION_LIMITS: ReplaySessionLimits = { total: 32, perPrincipal: 4 };

/** A seek or a jump folds the log from a snapshot: the dearest commands, so the fewest per window. */
const REPLAY_COSTS = { 'replay:seek': 2, 'replay:jump': 2 } as const;

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
    const parsed = parseOrRefuse(schema, req ?? {}, ack);
    if (!parsed.success) return;
    // Each command starts in its own turn of the event loop, so a burst of seeks from many sessions does not fold
    // back to back while HTTP requests and dashboards wait.
    yieldToLoop()
      .then(() => run(parsed.data))
      .then(
        (data) => ack({ ok: true, data }),
        (err: unknown) => {
          componentLogger('replay').error({ err }, 'replay command failed');
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
  guard: MessageGuard,
  limits: ReplaySessionLimits = DEFAULT_REPLAY_SESSION_LIMITS,
  /** Whether the socket holds the operate right; others get operators' names and comments withheld. */
  seesOpsDetails: (socket: Socket) => boolean = () => true,
): ReadonlyMap<string, ReplaySession> {
  const sessions = new Map<string, ReplaySession>();
  const owners = new Map<string, string>();
  const held = (principal: string) => [...owners.values()].filter((p) => p === principal).length;
  const full = (principal: string) =>
    sessions.size >= limits.total
      ? 'too many replay sessions on this server'
      : held(principal) >= limits.perPrincipal
        ? `at most ${limits.perPrincipal} replay sessions at once`
        : null;
  nsp.use(protocolGuard(ReplayAuth));
  // Each session holds a state and may fold the log: their number is bounded before one is opened.
  nsp.use((socket, next) => {
    const reason = full(guard.principalKey(socket));
    next(reason ? refuse('rate_limited', { reason, retryAfterMs: null }) : undefined);
  });
  nsp.on('connection', (socket: ReplaySocket) => {
    const principal = guard.principalKey(socket);
    // Two handshakes can pass the check in the same turn; the one that lands over the bound is closed.
    if (full(principal)) return void socket.disconnect(true);
    guardMessages(socket, guard, REPLAY_COSTS);
    owners.set(socket.id, principal);
    const seesAll = seesOpsDetails(socket as Socket);
    const session = createReplaySession(deps, (batch, done) =>
      socket.emit('replay:batch', seesAll ? batch : withholdReplayBatchDetails(batch), done),
    );
    sessions.set(socket.id, session);
    const shown = <T extends ReplaySnapshot>(snap: T): T =>
      seesAll ? snap : { ...snap, state: withholdStateDetails(snap.state) };
    command(socket, 'replay:seek', ReplaySeek, async (r) => shown(await session.seek(r.atMs)));
    command(socket, 'replay:play', ReplayPlay, (r) => session.play(r.speed, r.untilMs));
    command(socket, 'replay:pause', ReplayPause, () => session.pause());
    command(socket, 'replay:step', ReplayStep, async (r) => shown(await session.step(r.count)));
    command(socket, 'replay:jump', ReplayJump, async (r) => {
      const jumped = shown(await session.jump(r.direction));
      return seesAll || !jumped.alert ? jumped : { ...jumped, alert: withholdAlertDetails(jumped.alert) };
    });
    socket.on('disconnect', () => {
      session.close();
      sessions.delete(socket.id);
      owners.delete(socket.id);
    });
  });
  return sessions;
}
