import express, { type Router } from 'express';
import {
  AlarmReportQuery,
  AlertRules,
  DEFAULT_ALERT_RULES,
  MAX_ALARM_REPORT_DAYS,
  alarmReport,
  alarmReportCsv,
  alertTouches,
  parseInstant,
  type AreaRollup,
} from '../../protocol';
import type { Access } from '../auth/access';
import { parseBody } from '../auth/json-body';
import type { Clock } from '../clock';
import type { StateEngine } from '../engine/state-engine';
import { guardedRouter } from '../http/guarded-router';
import { HttpError } from '../http/http-error';
import { parseQuery } from '../http/parse-query';
import type { IngestService } from '../ingest/ingest-service';
import type { AlarmOptions } from './alarm-options';
import { putRulesInForce } from './put-rules-in-force';

export interface AlarmRoutesDeps {
  engine: StateEngine;
  ingest: IngestService;
  clock: Clock;
  rollup: AreaRollup;
  isKnownArea: (code: string) => boolean;
  access: Pick<Access, 'guard' | 'audit' | 'actorOf'>;
  options: AlarmOptions;
}

/** A rule set with every site's own threshold is some hundred KB; the file has no such limit, HTTP does. */
const rulesJson = express.json({ limit: '512kb', strict: true });

/** The source of rule changes made in the console, as the log names it. */
export const RULES_CONSOLE_SOURCE = 'console-rules';

/**
 * `/api/alarms/*`: the alarm performance report over any range of the log, and the alert rules read and changed
 * over HTTP (validated by the same `AlertRules` schema as the file, logged as an event, audited).
 */
export function alarmRoutes(deps: AlarmRoutesDeps): Router {
  const r = guardedRouter(deps.access.guard);
  const instant = (iso: string, name: string) => {
    const ms = parseInstant(iso);
    if (Number.isNaN(ms)) throw new HttpError(400, 'invalid_query', `${name} is not a valid date`);
    return ms;
  };

  r.get('/report', 'read', async (req, res) => {
    const q = parseQuery(AlarmReportQuery, req.query);
    const fromMs = instant(q.from, 'from');
    const toMs = instant(q.to, 'to');
    if (toMs <= fromMs) throw new HttpError(400, 'invalid_query', 'to must be after from');
    if (toMs - fromMs > MAX_ALARM_REPORT_DAYS * 86_400_000)
      throw new HttpError(400, 'invalid_query', `at most ${MAX_ALARM_REPORT_DAYS} days`);
    if (q.area !== undefined && !deps.isKnownArea(q.area))
      throw new HttpError(404, 'unknown_area', `no area with code "${q.area}"`);
    const area = q.area;
    const within = (code: string) => area === undefined || deps.rollup(code).includes(area);
    const alarms = (await deps.engine.alarmsBetween(fromMs, toMs)).filter((a) => alertTouches(a, within));
    const report = alarmReport(alarms, fromMs, toMs, {
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      area: area ?? null,
    });
    if (q.format === 'csv') {
      const name = `alarm-report-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}${area ? '-' + area : ''}.csv`;
      res
        .type('text/csv; charset=utf-8')
        .set('content-disposition', `attachment; filename="${name}"`)
        .send(alarmReportCsv(report));
      return;
    }
    res.json(report);
  });

  r.get('/rules', 'read', (_req, res) => {
    res.json(AlertRules.parse(deps.engine.state.alerts.rules ?? DEFAULT_ALERT_RULES));
  });

  const editRight = deps.options.rulesEditableBy === 'operators' ? 'operate' : 'administer';
  r.post('/rules', editRight, rulesJson, async (req, res) => {
    const rules = parseBody(AlertRules, req.body);
    const operator = deps.access.actorOf(req).slice(0, 64) || 'console';
    const change = await putRulesInForce(deps, rules, { source: RULES_CONSOLE_SOURCE, operator });
    if (change.status === 'rejected') throw new HttpError(400, change.reason, change.details);
    if (change.status === 'accepted')
      deps.access.audit({
        actor: operator,
        action: 'rule_changed',
        target: `http @ seq ${change.seq}`,
        ip: req.ip,
      });
    res.json({
      status: change.status,
      seq: change.status === 'unchanged' ? deps.engine.state.seq : change.seq,
      rules: AlertRules.parse(deps.engine.state.alerts.rules ?? DEFAULT_ALERT_RULES),
    });
  });

  return r.router;
}
