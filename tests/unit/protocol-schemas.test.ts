import { describe, expect, it } from 'vitest';
import { IngestBatch, IocEvent, MAX_INGEST_BATCH, MAX_EVENT_TS_MS } from '../../protocol';
import { covid, paid, reading, resolved, submitted } from '../fixtures/events';

const reasons = (value: unknown) => {
  const r = IocEvent.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('IocEvent schema', () => {
  it.each([
    ['dossier submitted', submitted],
    ['dossier resolved', resolved],
    ['dossier paid', paid],
    ['sensor reading', reading],
    ['covid report', covid],
  ])('accepts a good %s', (_name, event) => {
    expect(IocEvent.parse(event)).toEqual(event);
  });

  it.each<[string, unknown, RegExp]>([
    ['a missing id', { ...submitted, id: undefined }, /^id:/],
    ['an unknown stream', { ...reading, stream: 'weather' }, /stream/],
    ['an unknown dossier action', { ...submitted, action: 'lost' }, /action/],
    ['NaN as a value', { ...reading, value: Number.NaN }, /value/],
    ['Infinity as a value', { ...reading, value: Infinity }, /value/],
    ['a timestamp far in the future', { ...reading, tsMs: MAX_EVENT_TS_MS + 1 }, /tsMs/],
    ['a timestamp as a string', { ...reading, tsMs: '2021-08-02' }, /tsMs/],
    ['an area that is not a code', { ...covid, area: 'Đức Hòa' }, /area/],
    ['an extra field', { ...covid, injected: true }, /injected|Unrecognized/i],
    ['a wrong protocol version', { ...covid, v: 2 }, /^v:/],
    ['an epidemic level of 5', { ...covid, epidemicLevel: 5 }, /epidemicLevel/],
    ['a swapped lon/lat pair out of range', { ...reading, lonLat: [10.5, 106.4] }, /lonLat/],
    ['a huge id', { ...reading, id: 'x'.repeat(10_000) }, /id/],
  ])('rejects %s with a reason naming the field', (_name, value, pattern) => {
    const r = reasons(value);
    expect(r.length).toBeGreaterThan(0);
    expect(r.join('\n')).toMatch(pattern);
  });

  it('does not let a __proto__ key through as a property', () => {
    const hostile = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(covid).slice(1)}`);
    const r = IocEvent.safeParse(hostile);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    if (r.success) expect(Object.keys(r.data)).not.toContain('__proto__');
  });
});

describe('IngestBatch schema', () => {
  it('refuses an empty batch and one over the limit', () => {
    expect(IngestBatch.safeParse({ events: [] }).success).toBe(false);
    expect(IngestBatch.safeParse({ events: new Array(MAX_INGEST_BATCH + 1).fill(covid) }).success).toBe(
      false,
    );
    expect(IngestBatch.safeParse({ events: [covid] }).success).toBe(true);
  });
});
