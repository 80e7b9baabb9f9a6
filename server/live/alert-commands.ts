import type { Socket } from 'socket.io';
import type { z } from 'zod';
import {
  AlertAckCommand,
  AlertAssignCommand,
  AlertResolveCommand,
  AlertShelveCommand,
  AlertUnshelveCommand,
  PROTOCOL_VERSION,
  SiteInServiceCommand,
  SiteOutOfServiceCommand,
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
import type { AlarmOptions } from '../alarms/alarm-options';
import { SITES_BY_ID } from '../../geo';

type LiveSocket = Socket<LiveClientToServer, LiveServerToClient>;

export interface AlertCommandDeps {
  engine: StateEngine;
  ingest: IngestService;
  clock: Clock;
  /** Whether the socket may send this event now (server/auth/access-policy.ts's SOCKET_POLICY). */
  may: (socket: Socket, event: string) => boolean;
  /** Records who did what to which alert or wall. */
  audit: (socket: Socket, action: AuditAction, target: string) => void;
  /** The longest shelving and out of service. */
  alarms: AlarmOptions;
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
    name: 'alert:ack' | 'alert:assign' | 'alert:resolve' | 'alert:shelve' | 'alert:unshelve',
    audited: AuditAction,
    schema: S,
    toEvent: (cmd: z.output<S>, nowMs: number) => Pick<OpsEvent, 'action'> & Record<string, unknown>,
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
      // Never before the alert itself, even when a source's clock runs ahead of the scenario's.
      const tsMs = Math.max(Math.round(deps.clock.now()), alert.raisedTsMs);
      const event = {
        v: PROTOCOL_VERSION,
        id: cmd.requestId,
        source: CONSOLE_SOURCE,
        stream: 'ops',
        // The alert's area, so the event reaches the rooms that show the alert.
        area: alert.area,
        tsMs,
        operator: cmd.operator,
        alertId: cmd.alertId,
        comment: cmd.comment,
        ...toEvent(cmd, tsMs),
      };
      await logAndAck(event, audited, cmd.alertId, ack);
    };
  };

  const logAndAck = async (
    event: Record<string, unknown>,
    audited: AuditAction,
    target: string,
    ack: (res: Ack<AlertCommandResult>) => void,
  ) => {
    try {
      const report = await deps.ingest.ingest([event]);
      const r = report.results[0]!;
      if (r.status === 'rejected') return ack({ ok: false, error: r.reason, details: r.details });
      if (r.status === 'accepted') deps.audit(socket, audited, target.slice(0, 240));
      ack({ ok: true, data: { seq: r.seq, duplicate: r.status === 'duplicate' } });
    } catch (err) {
      componentLogger('alerts').error({ err }, 'alert command failed');
      ack({ ok: false, error: 'internal' });
    }
  };

  /** Site commands: the site must be one the server knows; the event carries its area. */
  const siteCommand = <S extends z.ZodType<{ siteId: string; operator: string; requestId: string }>>(
    name: 'site:out-of-service' | 'site:in-service',
    audited: AuditAction,
    schema: S,
    toEvent: (cmd: z.output<S>, nowMs: number) => Pick<OpsEvent, 'action'> & Record<string, unknown>,
    describe: (cmd: z.output<S>) => string,
  ) => {
    return async (req: unknown, ack: (res: Ack<AlertCommandResult>) => void) => {
      if (typeof ack !== 'function') return;
      if (!deps.may(socket, name)) return ack(NOT_OPERATOR);
      const parsed = parseOrRefuse(schema, req, ack);
      if (!parsed.success) return;
      const cmd = parsed.data;
      const area = deps.engine.state.sites[cmd.siteId]?.area ?? SITES_BY_ID.get(cmd.siteId)?.area;
      if (!area) return ack({ ok: false, error: 'unknown_site', details: cmd.siteId });
      const tsMs = Math.round(deps.clock.now());
      const event = {
        v: PROTOCOL_VERSION,
        id: cmd.requestId,
        source: CONSOLE_SOURCE,
        stream: 'ops',
        area,
        tsMs,
        operator: cmd.operator,
        siteId: cmd.siteId,
        ...toEvent(cmd, tsMs),
      };
      await logAndAck(event, audited, describe(cmd), ack);
    };
  };
  type AckFn = (res: Ack<AlertCommandResult>) => void;
  const tooLong = (minutes: number, max: number, ack: AckFn) => {
    if (minutes <= max) return false;
    ack({ ok: false, error: 'invalid_payload', details: [`minutes: at most ${max}`] });
    return true;
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

  /**
   * A timed command past its configured maximum (a shift for a shelving) is refused, not shortened: the operator
   * chose a time. Checked before the command's own parse, for a caller who holds the right.
   */
  const capped =
    (
      name: 'alert:shelve' | 'site:out-of-service',
      maxMin: number,
      run: (req: unknown, ack: AckFn) => unknown,
    ) =>
    (req: unknown, ack: AckFn) => {
      if (typeof ack !== 'function') return;
      const minutes = (req as { minutes?: unknown } | null)?.minutes;
      if (typeof minutes === 'number' && deps.may(socket, name) && tooLong(minutes, maxMin, ack)) return;
      void run(req, ack);
    };
  const shelve = command('alert:shelve', 'alert_shelve', AlertShelveCommand, (cmd, nowMs) => ({
    action: 'alert:shelved',
    reason: cmd.reason,
    untilMs: nowMs + cmd.minutes * 60_000,
  }));
  socket.on('alert:shelve', capped('alert:shelve', deps.alarms.shelveMaxMin, shelve));
  socket.on(
    'alert:unshelve',
    command('alert:unshelve', 'alert_unshelve', AlertUnshelveCommand, () => ({ action: 'alert:unshelved' })),
  );
  const outOfService = siteCommand(
    'site:out-of-service',
    'site_out_of_service',
    SiteOutOfServiceCommand,
    (cmd, nowMs) => ({
      action: 'site:out-of-service',
      reason: cmd.reason,
      untilMs: nowMs + cmd.minutes * 60_000,
    }),
    (cmd) => `${cmd.siteId} for ${cmd.minutes} min: ${cmd.reason}`,
  );
  socket.on(
    'site:out-of-service',
    capped('site:out-of-service', deps.alarms.outOfServiceMaxMin, outOfService),
  );
  socket.on(
    'site:in-service',
    siteCommand(
      'site:in-service',
      'site_in_service',
      SiteInServiceCommand,
      () => ({ action: 'site:in-service' }),
      (cmd) => cmd.siteId,
    ),
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
