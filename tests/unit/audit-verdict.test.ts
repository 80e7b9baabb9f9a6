import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script of CI, without types
import { auditVerdict } from '../../scripts/audit-verdict.mjs';

type Verdict = { verdict: 'pass' | 'fail' | 'unknown'; lines: string[] };
const verdict = auditVerdict as (report: unknown) => Verdict;

const counts = (high: number, critical: number, moderate = 0) => ({
  vulnerabilities: { info: 0, low: 0, moderate, high, critical, total: high + critical + moderate },
});

describe('CI reading of npm audit', () => {
  it('passes a tree with moderate advisories only', () => {
    expect(verdict({ vulnerabilities: {}, metadata: counts(0, 0, 3) }).verdict).toBe('pass');
  });

  it('fails on a high or a critical advisory and names the package', () => {
    const report = {
      vulnerabilities: {
        'socket.io-parser': {
          name: 'socket.io-parser',
          severity: 'high',
          range: '<4.2.3',
          fixAvailable: true,
        },
        lodash: { name: 'lodash', severity: 'moderate', range: '<4.17.21', fixAvailable: true },
      },
      metadata: counts(1, 0, 1),
    };
    const v = verdict(report);
    expect(v.verdict).toBe('fail');
    expect(v.lines.join('\n')).toMatch(/high socket\.io-parser <4\.2\.3 \(fix available\)/);
    expect(v.lines.join('\n')).not.toMatch(/lodash/);
    expect(verdict({ vulnerabilities: {}, metadata: counts(0, 2) }).verdict).toBe('fail');
  });

  it('says it does not know when the registry gave no report', () => {
    const v = verdict({ message: '405 Method Not Allowed - POST …/advisories/bulk', statusCode: 405 });
    expect(v.verdict).toBe('unknown');
    expect(v.lines[0]).toMatch(/405/);
  });
});
