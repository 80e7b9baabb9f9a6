import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAuthServer, type AuthServer } from './support/auth-server';

const SPA = '<!doctype html><title>SPA</title>';
const PUBLIC = '<!doctype html><title>public</title>';

describe('/public is answered with its own page (the Preact build), every other view with the SPA', () => {
  let staticDir: string;
  let server: AuthServer | undefined;
  beforeEach(() => {
    staticDir = mkdtempSync(path.join(tmpdir(), 'ioc-public-page-'));
    writeFileSync(path.join(staticDir, 'index.html'), SPA);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(staticDir, { recursive: true, force: true });
  });
  const page = async (p: string) => {
    const res = await fetch(server!.url + p);
    expect(res.status, p).toBe(200);
    return res.text();
  };

  it('sends public.html for /public, with or without a slash or a query, even when reads need a session', async () => {
    writeFileSync(path.join(staticDir, 'public.html'), PUBLIC);
    server = await startAuthServer({ readAccess: 'signed-in', staticDir });
    expect(await page('/public')).toBe(PUBLIC);
    expect(await page('/public/')).toBe(PUBLIC);
    expect(await page('/public?code=000.00.39.H38-210801-0001')).toBe(PUBLIC);
    for (const p of ['/', '/wall', '/login', '/public-x', '/publicity']) expect(await page(p)).toBe(SPA);
  });

  it('falls back to the SPA, which also shows /public, when the build has no page of its own', async () => {
    server = await startAuthServer({ staticDir });
    expect(await page('/public')).toBe(SPA);
  });
});
