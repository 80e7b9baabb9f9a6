/** What the alarm management's operators may do, from configuration (`SHELVE_MAX_MIN`, `RULES_EDIT`). */
export interface AlarmOptions {
  /** The longest shelving, scenario minutes: at most a shift (ISA-18.2 wants every shelving to expire). */
  shelveMaxMin: number;
  /** Longest time a site may be out of service in one go, scenario minutes. */
  outOfServiceMaxMin: number;
  /** Who may change the alert rules over HTTP: admins only (the default) or operators as well. */
  rulesEditableBy: 'admins' | 'operators';
}

export const DEFAULT_ALARM_OPTIONS: AlarmOptions = {
  shelveMaxMin: 8 * 60,
  outOfServiceMaxMin: 7 * 24 * 60,
  rulesEditableBy: 'admins',
};

/** Reads the options from the environment; an unusable value is refused at start with its reason. */
export function alarmOptionsFromEnv(env: NodeJS.ProcessEnv): AlarmOptions {
  const minutes = (name: string, fallback: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new Error(`${name} must be a whole number of minutes, 1–${max}`);
    return n;
  };
  const edit = env.RULES_EDIT ?? 'admins';
  if (edit !== 'admins' && edit !== 'operators')
    throw new Error('RULES_EDIT must be "admins" or "operators"');
  return {
    shelveMaxMin: minutes('SHELVE_MAX_MIN', DEFAULT_ALARM_OPTIONS.shelveMaxMin, 24 * 60),
    outOfServiceMaxMin: minutes(
      'OUT_OF_SERVICE_MAX_MIN',
      DEFAULT_ALARM_OPTIONS.outOfServiceMaxMin,
      90 * 24 * 60,
    ),
    rulesEditableBy: edit,
  };
}
