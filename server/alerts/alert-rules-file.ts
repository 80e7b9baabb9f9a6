import { existsSync, readFileSync, unwatchFile, watchFile } from 'node:fs';
import { AlertRules } from '../../protocol';
import { putRulesInForce } from '../alarms/put-rules-in-force';
import type { Clock } from '../clock';
import type { StateEngine } from '../engine/state-engine';
import { describeIssues } from '../ingest/describe-issues';
import type { IngestService } from '../ingest/ingest-service';
import { componentLogger, type Logger } from '../log/logger';

export type RulesFileResult = { ok: true; rules: AlertRules } | { ok: false; message: string };

/** Reads and validates a rules file; the message says what is wrong and where, for the operator who wrote it. */
export function readAlertRulesFile(file: string): RulesFileResult {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { ok: false, message: `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = AlertRules.safeParse(json);
  if (!parsed.success)
    return { ok: false, message: `${file}: ${describeIssues(parsed.error.issues).join('; ')}` };
  return { ok: true, rules: parsed.data };
}

export interface AlertRulesWatchDeps {
  file: string;
  engine: StateEngine;
  ingest: IngestService;
  clock: Clock;
  /** The root logger's `alerts` child when omitted. */
  logger?: Logger;
  /** How often the file is looked at, ms (polling works on every file system, containers' included). */
  intervalMs?: number;
  /** Told of each rule set put in force (the audit log): the file and the log's seq of the change. */
  onChanged?: (file: string, seq: number) => void;
}

/**
 * Puts the rules of `file` in force and follows the file's changes. Rules enter through the log as an
 * `alert-rules:changed` event, so replay applies each change at the point live did. A file that does not parse
 * or validate is refused with its reasons and the rules in force stay. Returns a function that stops watching.
 */
export function watchAlertRulesFile(deps: AlertRulesWatchDeps): () => void {
  const log = deps.logger ?? componentLogger('alerts');
  const apply = async () => {
    if (!existsSync(deps.file)) return;
    const read = readAlertRulesFile(deps.file);
    if (!read.ok) {
      log.error(`Alert rules refused, the rules in force stay: ${read.message}`);
      return;
    }
    const r = await putRulesInForce(deps, read.rules, {
      source: 'alert-rules',
      operator: 'alert-rules-file',
    });
    if (r.status === 'unchanged') return;
    if (r.status === 'rejected') log.error(`Alert rules refused: ${r.reason} ${JSON.stringify(r.details)}`);
    else {
      log.info(`Alert rules from ${deps.file} in force from seq ${r.seq}`);
      if (r.status === 'accepted') deps.onChanged?.(deps.file, r.seq);
    }
  };
  let running = Promise.resolve();
  const run = () => {
    running = running.then(apply).catch((e: unknown) => log.error({ err: e }, 'Alert rules: apply failed'));
  };
  run();
  const listener = () => run();
  watchFile(deps.file, { interval: deps.intervalMs ?? 2000 }, listener);
  return () => unwatchFile(deps.file, listener);
}
