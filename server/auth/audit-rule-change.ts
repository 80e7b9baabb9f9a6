import type { Access } from './access';

/**
 * The audit entry of a rule set put in force from the rules file. The file's author is whoever may write it on
 * the server, which the process cannot know: the entry names the file and the log position instead.
 */
export const auditRuleChange =
  (access: Pick<Access, 'audit'>) =>
  (file: string, seq: number): void =>
    access.audit({ actor: 'alert-rules-file', action: 'rule_changed', target: `${file} @ seq ${seq}` });
