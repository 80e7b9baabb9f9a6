import { createHash } from 'node:crypto';
import { AlertRules, DEFAULT_ALERT_RULES, PROTOCOL_VERSION } from '../../protocol';
import { PROVINCE_CODE } from '../../geo/areas';
import type { Clock } from '../clock';
import type { StateEngine } from '../engine/state-engine';
import type { IngestService } from '../ingest/ingest-service';

const canonical = (rules: AlertRules) => JSON.stringify(AlertRules.parse(rules));

export type RulesChange =
  | { status: 'unchanged' }
  | { status: 'accepted' | 'duplicate'; seq: number }
  | { status: 'rejected'; reason: string; details: unknown };

/**
 * Logs an `alert-rules:changed` event for `rules` unless they are the rules in force: rules enter through the log,
 * so replay applies each change at the point live did, whether it came from the file or the console.
 */
export async function putRulesInForce(
  deps: { engine: StateEngine; ingest: IngestService; clock: Clock },
  rules: AlertRules,
  by: { source: string; operator: string },
): Promise<RulesChange> {
  const inForce = deps.engine.state.alerts.rules ?? DEFAULT_ALERT_RULES;
  const next = canonical(rules);
  if (next === canonical(inForce)) return { status: 'unchanged' };
  const hash = createHash('sha256').update(next).digest('hex').slice(0, 16);
  const report = await deps.ingest.ingest([
    {
      v: PROTOCOL_VERSION,
      // The seq makes re-applying an earlier rule set after another one a new event, not a duplicate.
      id: `rules-${hash}-${deps.engine.state.seq}`,
      source: by.source,
      stream: 'ops',
      area: PROVINCE_CODE,
      tsMs: Math.round(deps.clock.now()),
      operator: by.operator,
      action: 'alert-rules:changed',
      rules,
    },
  ]);
  const r = report.results[0]!;
  if (r.status === 'rejected') return { status: 'rejected', reason: r.reason, details: r.details };
  return { status: r.status, seq: r.seq };
}
