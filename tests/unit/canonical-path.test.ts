import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { canonicalPath } from '../../server/http/canonical-path';

const canonical = (url: string) => {
  const req = { url } as Request;
  let called = false;
  canonicalPath(req, {} as Response, () => (called = true));
  expect(called).toBe(true);
  return req.url;
};

describe('canonicalPath', () => {
  it('decodes percent-encoded letters, digits, "-", "_" and "~", and merges repeated slashes', () => {
    expect(canonical('/%61pi/%41DMIN/%75sers')).toBe('/api/ADMIN/users');
    expect(canonical('//api///admin//users/')).toBe('/api/admin/users/');
    expect(canonical('/api/public/dossiers/000%2E00%2D39')).toBe('/api/public/dossiers/000%2E00-39');
  });

  it('keeps encoded what would change the path: ".", "/", "%", NUL and the query string', () => {
    expect(canonical('/api/%2e%2e/admin')).toBe('/api/%2e%2e/admin');
    expect(canonical('/api/admin%2Fusers')).toBe('/api/admin%2Fusers');
    expect(canonical('/api/%2561pi')).toBe('/api/%2561pi');
    expect(canonical('/api/%00')).toBe('/api/%00');
    expect(canonical('/api/events?from=%61&to=a//b')).toBe('/api/events?from=%61&to=a//b');
    expect(canonical('/%61pi?x=1')).toBe('/api?x=1');
  });

  it('leaves an absolute-form target to Express', () => {
    expect(canonical('http://host//api')).toBe('http://host//api');
  });
});
