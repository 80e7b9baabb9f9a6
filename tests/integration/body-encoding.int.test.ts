import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, ENV_INGEST_TOKEN, signIn, startAuthServer, type AuthServer } from './support/auth-server';
import { registeredRoutes } from './support/express-routes';

const PASSWORD = 'mat-khau-dai-0123456789';

/**
 * Every route that reads a JSON body, with what gets a request past the checks that come before the body
 * (a bearer token, an admin session), so that the body's parsing is what is tested.
 */
const BODY_ROUTES = [
  'POST /api/ingest',
  'POST /api/auth/login',
  'POST /api/auth/token',
  'POST /api/admin/users',
  'POST /api/admin/tokens',
  'POST /api/alarms/rules',
];
/** Writes that read no body at all: whatever is sent is ignored. */
const NO_BODY = [
  'POST /api/auth/logout',
  'DELETE /api/admin/users/:username',
  'DELETE /api/admin/tokens/:id',
];

describe('request bodies whose Content-Encoding is wrong or unsupported (issue 21, finding 9)', () => {
  let server: AuthServer;
  let admin: string;
  beforeAll(async () => {
    server = await startAuthServer();
    await addUser(server.auth, 'quan.tri', 'admin', PASSWORD);
    admin = await signIn(server.url, 'quan.tri', PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
  });

  const headersFor = (route: string): Record<string, string> =>
    route === 'POST /api/ingest'
      ? { authorization: `Bearer ${ENV_INGEST_TOKEN}` }
      : route.includes('/api/admin/') || route.includes('/api/alarms/')
        ? { cookie: admin, origin: server.url }
        : { origin: server.url };
  const send = async (route: string, body: string | Uint8Array<ArrayBuffer>, encoding: string) => {
    const [method, path] = route.split(' ') as [string, string];
    const res = await fetch(server.url + path.replace(/:\w+/, 'x'), {
      method,
      headers: { 'content-type': 'application/json', 'content-encoding': encoding, ...headersFor(route) },
      body,
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text };
  };

  it('covers every route that takes a body', () => {
    const writes = registeredRoutes(server.app.web)
      .filter((r) => r.method !== 'GET' && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.path}`);
    expect(new Set(writes)).toEqual(new Set([...BODY_ROUTES, ...NO_BODY]));
  });

  it.each(BODY_ROUTES)(
    '%s: a body that is not gzip gets 400 invalid_encoding, an unknown encoding 415',
    async (route) => {
      const notGzip = await send(route, '{"username":"a","password":"b"}', 'gzip');
      expect([notGzip.status, notGzip.type.split(';')[0]]).toEqual([400, 'application/json']);
      expect(JSON.parse(notGzip.text)).toMatchObject({ error: 'invalid_encoding' });
      const notDeflate = await send(route, 'plain', 'deflate');
      expect([notDeflate.status, JSON.parse(notDeflate.text).error]).toEqual([400, 'invalid_encoding']);
      const notBrotli = await send(route, 'plain', 'br');
      expect([notBrotli.status, JSON.parse(notBrotli.text).error]).toEqual([400, 'invalid_encoding']);
      for (const unknown of ['zstd', 'compress', 'gzip, zstd']) {
        const res = await send(route, '{}', unknown);
        expect([unknown, res.status, JSON.parse(res.text).error]).toEqual([
          unknown,
          415,
          'unsupported_encoding',
        ]);
      }
      // Real gzip is read: the request gets past the body to the route's own answer about its content.
      const gzipped = await send(route, gzipSync('{"nothing":"useful"}'), 'gzip');
      expect([gzipped.status, JSON.parse(gzipped.text).error]).toEqual([400, 'invalid_payload']);
    },
  );

  it.each(NO_BODY)('%s: never answers 500 to a broken body', async (route) => {
    const res = await send(route, 'not gzip at all', 'gzip');
    expect(res.status).toBeLessThan(500);
  });
});
