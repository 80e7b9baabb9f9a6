import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const conf = readFileSync('docs/nginx-ioc.conf', 'utf8')
  .split('\n')
  .map((l) => l.replace(/#.*/, ''))
  .join('\n');

/** Variables that hold the query string (wall and operator links carry tokens there) or a URL with it. */
const WITH_QUERY = /\$(request|request_uri|args|query_string|arg_\w+|http_referer)\b/;

describe('the nginx example (docs/nginx-ioc.conf)', () => {
  it('writes its access log in a format without query strings', () => {
    const formats = new Map(
      [...conf.matchAll(/log_format\s+(\S+)\s+((?:'[^']*'\s*)+);/g)].map((m) => [m[1]!, m[2]!]),
    );
    const logs = [...conf.matchAll(/access_log\s+([^;]+);/g)].map((m) => m[1]!.trim().split(/\s+/));
    expect(logs.length).toBeGreaterThan(0);
    for (const [file, format] of logs) {
      if (file === 'off') continue;
      // Without a format nginx uses "combined", which logs $request.
      expect(format, `access_log ${file} names a format`).toBeDefined();
      expect(formats.get(format!), `log_format ${format}`).toMatch(/\$uri\b/);
      expect(formats.get(format!)).not.toMatch(WITH_QUERY);
    }
  });

  it('sends the client address the nodes trust with TRUST_PROXY, not one the client wrote', () => {
    const forwarded = [...conf.matchAll(/proxy_set_header\s+X-Forwarded-For\s+(\S+);/g)].map((m) => m[1]);
    expect(forwarded.length).toBeGreaterThan(0);
    expect(new Set(forwarded)).toEqual(new Set(['$remote_addr']));
  });
});
