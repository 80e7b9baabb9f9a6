import type { Socket } from 'socket.io';
import type { z } from 'zod';
import {
  AlertAckCommand,
  AlertAssignCommand,
  AlertResolveCommand,
  PROTOCOL_VERSION,
  WallControl,
  type Ack,
  type AlertCommandResult,
  type AuditAction,
  type LiveClientToServer,
  type LiveServerToClient,
  type OpsEvent,
} from '../../protocol';
import type { Clock } from '../clock';
import type { StateEngine } from '../engine/state-engine';
import { parseOrRefuse } from './parse-or-refuse';
import type { IngestService } from '../ingest/ingest-service';
import type { LiveNamespace } from './live-namespace';
import { componentLogger } from '../log/logger';

type LiveSocket = Socket<LiveClientToServer, LiveServerToClient>;

export interface AlertCommandDeps {
  engine: StateEngine;
  ingest: IngestService;
  clock: Clock;
  /** Whether the socket may send this event now (server/auth/access-policy.ts's SOCKET_POLICY). */
  may: (socket: Socket, event: string) => boolean;
  /** Records who did what to which alert or wall. */
  audit: (socket: Socket, action: AuditAction, target: string) => void;
}

const NOT_OPERATOR = {
  ok: false,
  error: 'unauthorized',
  details: 'an operator (or admin) session or an operator token is required',
} as const;

/** The source of operator events in the log. */
export const CONSOLE_SOURCE = 'console';

/**
 * Operator commands on `/live`: each becomes an `ops` event sent through the same ingest as any source (schema,
 * log, reducers, fan-out), so the wall learns of an acknowledgement from the log like everything else and a
 * replay shows it at the same point.
 */
export function setupAlertCommands(socket: LiveSocket, nsp: LiveNamespace, deps: AlertCommandDeps): void {
  const command = <
    S extends z.ZodType<{ alertId: string; operator: string; comment: string; requestId: string }>,
  >(
    name: 'alert:ack' | 'alert:assign' | 'alert:resolve',
    audited: AuditAction,
    schema: S,
    toEvent: (cmd: z.output<S>) => Pick<OpsEvent, 'action'> & Record<string, unknown>,
  ) => {
    return async (req: unknown, ack: (res: Ack<AlertCommandResult>) => void) => {
      if (typeof ack !== 'function') return;
      // Checked before anything else: a dashboard may watch alerts, only an operator may act on them.
      if (!deps.may(socket, name)) return ack(NOT_OPERATOR);
      const parsed = parseOrRefuse(schema, req, ack);
      if (!parsed.success) return;
      const cmd = parsed.data;
      const alert = deps.engine.state.alerts.recent.find((a) => a.id === cmd.alertId);
      if (!alert) return ack({ ok: false, error: 'unknown_alert', details: cmd.alertId });
      const event = {
        v: PROTOCOL_VERSION,
        id: cmd.requestId,
        source: CONSOLE_SOURCE,
        stream: 'ops',
        // The alert's area, so the event reaches the rooms that show the alert.
        area: alert.area,
        // Never before the alert itself, even when a source's clock runs ahead of the scenario's.
        tsMs: Math.max(Math.round(deps.clock.now()), alert.raisedTsMs),
        operator: cmd.operator,
        alertId: cmd.alertId,
        comment: cmd.comment,
        ...toEvent(cmd),
      };
      try {
        const report = await deps.ingest.ingest([event]);
        const r = report.results[0]!;
        if (r.status === 'rejected') return ack({ ok: false, error: r.reason, details: r.details });
        if (r.status === 'accepted') deps.audit(socket, audited, cmd.alertId);
        ack({ ok: true, data: { seq: r.seq, duplicate: r.status === 'duplicate' } });
      } catch (err) {
        componentLogger('alerts').error({ err }, 'alert command failed');
        ack({ ok: false, error: 'internal' });
      }
    };
  };

  socket.on(
    'alert:ack',
    command('alert:ack', 'alert_ack', AlertAckCommand, () => ({ action: 'alert:acknowledged' })),
  );
  socket.on(
    'alert:assign',
    command('alert:assign', 'alert_assign', AlertAssignCommand, (cmd) => ({
      action: 'alert:assigned',
      assignee: cmd.assignee,
    })),
  );
  socket.on(
    'alert:resolve',
    command('alert:resolve', 'alert_resolve', AlertResolveCommand, () => ({ action: 'alert:resolved' })),
  );

  socket.on('wall:control', (req, ack) => {
    if (typeof ack !== 'function') return;
    if (!deps.may(socket, 'wall:control')) return ack(NOT_OPERATOR);
    const parsed = parseOrRefuse(WallControl, req, ack);
    if (!parsed.success) return;
    deps.audit(socket, 'wall_control', JSON.stringify(parsed.data).slice(0, 200));
    nsp.emit('wall:control', parsed.data);
    ack({ ok: true, data: parsed.data });
  });
}
