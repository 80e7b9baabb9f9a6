import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '../../protocol';
import { checkItems, checksOf, verdictsOf } from '../../server/ingest/item-checks';
import { reading, submitted } from '../fixtures/events';

describe('what a validation worker sends back', () => {
  it('sends only the verdict of a valid data event, whose own object the main thread keeps', () => {
    const items: unknown[] = [reading, submitted];
    const verdicts = verdictsOf(checkItems(structuredClone(items)));
    expect(verdicts).toEqual([{ ok: true }, { ok: true }]);
    const checks = checksOf(verdicts, items);
    // The very objects given, not copies: nothing of them crossed back.
    checks.forEach((c, i) => expect(c.ok && c.event).toBe(items[i]));
  });

  it('sends an ops event back as parsed, since its rules take defaults the sender left out', () => {
    const { lateDossiersPerDay: _left, ...rules } = DEFAULT_ALERT_RULES;
    const item = {
      v: 1,
      id: 'rules-1',
      source: 'console',
      area: '80',
      tsMs: reading.tsMs,
      stream: 'ops',
      operator: 'Nguyễn Văn A',
      action: 'alert-rules:changed',
      rules,
    };
    const [check] = checksOf(verdictsOf(checkItems([item])), [item]);
    expect(check).toMatchObject({ ok: true, event: { rules: { lateDossiersPerDay: 5 } } });
  });

  it('keeps the id and the reasons of a refused item', () => {
    const bad = { ...reading, value: 'high' };
    const [check] = checksOf(verdictsOf(checkItems([bad])), [bad]);
    expect(check).toMatchObject({ ok: false, id: reading.id });
    expect(!check!.ok && check!.details.join(' ')).toMatch(/^value: /);
  });
});
