/** What the alarm management's operators may do, from configuration (server/config: `SHELVE_MAX_MIN`, `OUT_OF_SERVICE_MAX_MIN`, `RULES_EDIT`). */
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
