import path from 'node:path';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicAreas, PublicCovid, PublicDossier, PublicSummary, type IocEvent } from '../../protocol';
import { lookupUrl, qrPng, qrSvg } from '../../server/public/dossier-qr';
import { covid, paid, reading, resolved, submitted } from '../fixtures/events';
import { startPublicServer, type PublicTestServer } from './support/public-server';

const NOW = Date.parse('2021-08-03T10:00:00+07:00');
const CODE = submitted.dossierCode;
// A sensor far above its alarm threshold: the live state now holds a site and an alert, neither public.
const alarm: IocEvent = { ...reading, id: 'LA-WL-794-01:alarm', value: 4.5, tsMs: NOW - 60_000 };

describe('public surface', () => {
  let s: PublicTestServer;
  beforeAll(async () => {
    s = await startPublicServer({
      nowMs: NOW,
      publicApi: { cacheTtlMs: 60_000, lookupLimit: { windowMs: 60_000, limit: 100 } },
    });
    const report = await s.app.ingest.ingest([submitted, paid, resolved, covid, reading, alarm]);
    expect(report.accepted).toBe(6);
  });
  afterAll(() => s?.close());

  const get = (p: string, init?: RequestInit) => fetch(`${s.url}/api/public${p}`, init);

  it('serves figures that parse with the strict public schemas, so no operator field is in them', async () => {
    const summary = PublicSummary.parse(await (await get('/summary')).json());
    expect(summary.month).toMatchObject({ fromDay: '2021-08-01', submitted: 1, onlineSubmitted: 1 });
    expect(summary.year.onTimeRate).toBe(1);
    expect(summary.lastUpdate.covidMs).toBe(covid.tsMs);
    const body = await (await get('/covid')).text();
    const figures = PublicCovid.parse(JSON.parse(body));
    expect(figures.districts).toHaveLength(15);
    expect(figures.districts.find((d) => d.code === '802')).toMatchObject({
      epidemicLevel: 4,
      newCasesLastDate: 120,
    });
    expect(figures.province.epidemicLevel).toBe(4);
    PublicAreas.parse(await (await get('/areas')).json());
    for (const word of ['alert', 'sensor', 'siteId', 'operator', 'acknowledg'])
      expect(body.toLowerCase()).not.toContain(word.toLowerCase());
  });

  it('a strict schema refuses a field it does not name', () => {
    const ok = { code: '80', name: 'x', epidemicLevel: 1, newCasesLastDate: 0, cumulativeCases: 0 };
    const area = { ...ok, recovered: 0, deaths: 0, vaccineDoses: 0, lastDate: null, simulated: false };
    const covid = { generatedAtMs: 0, asOfMs: 0, province: area, districts: [], reconciliation: null };
    expect(PublicCovid.safeParse(covid).success).toBe(true);
    const leaky = { ...covid, alerts: [] };
    expect(PublicCovid.safeParse(leaky).success).toBe(false);
  });

  it('answers a revalidation with 304 from the cached bytes, and keeps them for the cache period', async () => {
    const first = await get('/summary');
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=60/);
    expect((await get('/summary', { headers: { 'if-none-match': etag } })).status).toBe(304);
    await s.app.ingest.ingest([
      { ...submitted, id: 'x:submitted', dossierCode: '000.00.25.H38-210803-0002' },
    ]);
    const again = await get('/summary');
    expect(again.headers.get('etag')).toBe(etag);
    expect(PublicSummary.parse(await again.json()).month.submitted).toBe(1);
  });

  it('looks a dossier up by code: timeline, not found, invalid', async () => {
    const found = await get(`/dossiers/${CODE.toLowerCase()}`);
    expect(found.status).toBe(200);
    const d = PublicDossier.parse(await found.json());
    expect(d.status).toBe('resolved_on_time');
    expect(d.steps.map((x) => x.step)).toEqual(['received', 'in_progress', 'paid', 'resolved']);
    const unknown = await get('/dossiers/000.00.25.H38-210802-9999');
    expect([unknown.status, (await unknown.json()).error]).toEqual([404, 'not_found']);
    const bad = await get('/dossiers/hello');
    expect([bad.status, (await bad.json()).error]).toEqual([400, 'invalid_code']);
  });

  it('reads a dossier through the partial index, not a scan of the log', () => {
    const db = new Database(path.join(s.dir, 'events.sqlite'), { readonly: true });
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT seq, body FROM events INDEXED BY events_dossier_id WHERE stream = 'dossier' AND id IN (?, ?, ?)",
      )
      .all('a', 'b', 'c') as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail).join(' ')).toContain('events_dossier_id');
  });

  it('prints the QR code of a dossier as SVG and PNG, encoding the lookup URL', async () => {
    const url = lookupUrl(s.url, CODE);
    expect(url).toBe(`${s.url}/public?code=${encodeURIComponent(CODE)}`);
    const svg = await get(`/dossiers/${CODE}/qr.svg`);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const text = await svg.text();
    expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toBe(await qrSvg(url));
    const png = await get(`/dossiers/${CODE}/qr.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(PNG.sync.read(bytes).width).toBe(320);
    expect(bytes.equals(await qrPng(url))).toBe(true);
    expect((await get('/dossiers/000.00.25.H38-210802-9999/qr.png')).status).toBe(404);
  });

  it('has no operator endpoint under /api/public', async () => {
    expect((await get('/alerts')).status).toBe(404);
    expect((await fetch(`${s.url}/api/admin/webhooks`)).status).toBe(401);
  });
});

describe('dossier lookup rate limit', () => {
  let s: PublicTestServer;
  beforeAll(async () => {
    s = await startPublicServer({ nowMs: NOW, publicApi: { lookupLimit: { windowMs: 60_000, limit: 3 } } });
  });
  afterAll(() => s?.close());

  it('answers 429 with a retry delay past its bound, and leaves the figures alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${s.url}/api/public/dossiers/${CODE}`)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await fetch(`${s.url}/api/public/dossiers/${CODE}`);
    const body = (await limited.json()) as { error: string; details: { retryAfterS: number } };
    expect(body.error).toBe('rate_limited');
    expect(body.details.retryAfterS).toBeGreaterThan(0);
    expect((await fetch(`${s.url}/api/public/summary`)).status).toBe(200);
  });
});
