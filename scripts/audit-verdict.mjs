/**
 * What `npm audit --json` said, as CI acts on it: `fail` on any high or critical advisory, `pass` on none,
 * `unknown` when the registry gave no report (offline, or a mirror without the audit endpoint).
 * @param {unknown} report the parsed JSON of `npm audit --json`
 * @returns {{ verdict: 'pass' | 'fail' | 'unknown', lines: string[] }}
 */
export function auditVerdict(report) {
  const counts = report?.metadata?.vulnerabilities;
  if (!counts || typeof counts !== 'object') {
    const why = report?.message ?? report?.error?.summary ?? 'no metadata in the answer';
    return { verdict: 'unknown', lines: [`npm audit gave no report: ${why}`] };
  }
  const serious = Object.values(report.vulnerabilities ?? {}).filter(
    (v) => v.severity === 'high' || v.severity === 'critical',
  );
  const total = (counts.high ?? 0) + (counts.critical ?? 0);
  if (total === 0) return { verdict: 'pass', lines: [`npm audit: no high or critical advisory`] };
  return {
    verdict: 'fail',
    lines: [
      `npm audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high`,
      ...serious.map(
        (v) => `  ${v.severity} ${v.name} ${v.range ?? ''}${v.fixAvailable ? ' (fix available)' : ''}`,
      ),
    ],
  };
}
