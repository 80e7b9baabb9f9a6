import { AlarmRulesChange } from '../../../../protocol/alarm-report.schema';
import { AlertRules } from '../../../../protocol/alert-rules.schema';
import { ApiError, getJson } from '../../../net/api';
import { operatorToken } from '../../../net/operator-token';

const RULES_PATH = '/api/alarms/rules';

/** `POST /api/alarms/rules`'s answer, with the rules in force checked as rules (the protocol types them loosely). */
export type RulesAnswer = Omit<AlarmRulesChange, 'rules'> & { rules: AlertRules };

/** The rules in force, checked against the protocol's schema like any answer. */
export async function fetchRules(signal?: AbortSignal): Promise<AlertRules> {
  const parsed = AlertRules.safeParse(await getJson<unknown>(RULES_PATH, signal));
  if (!parsed.success) throw new ApiError(RULES_PATH, 200, 'invalid_answer', parsed.error.issues);
  return parsed.data;
}

/** Puts a rule set in force; the server validates it again, logs it as an event and audits who did it. */
export async function saveRules(next: AlertRules): Promise<RulesAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  // A console opened with an operator token acts with it, as its socket does; a session cookie goes along anyway.
  const token = operatorToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(RULES_PATH, { method: 'POST', headers, body: JSON.stringify(next) });
  } catch (e) {
    throw new ApiError(RULES_PATH, 0, e instanceof Error ? e.message : String(e));
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = body as { error?: unknown; details?: unknown } | null;
    throw new ApiError(
      RULES_PATH,
      res.status,
      typeof err?.error === 'string' ? err.error : 'error',
      err?.details,
    );
  }
  const change = AlarmRulesChange.safeParse(body);
  const rules = AlertRules.safeParse(change.data?.rules);
  if (!change.success || !rules.success)
    throw new ApiError(RULES_PATH, res.status, 'invalid_answer', change.error?.issues ?? rules.error?.issues);
  return { ...change.data, rules: rules.data };
}
