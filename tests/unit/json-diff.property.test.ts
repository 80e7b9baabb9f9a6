import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObjectDiffSchema } from '../../protocol/json-diff.schema';
import {
  applyDiff,
  applyValueOp,
  diffObjects,
  diffValues,
  DiffMismatchError,
} from '../../protocol/json-diff';

// Small alphabets, so the two sides share keys and ids often and every operation comes up.
const key = fc.constantFrom('a', 'b', 'c', 'd', '2021-08-01', '2021-08-02');
const leaf = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('x', 'y', ''),
  fc.boolean(),
  fc.constant(null),
);
const record = (value: fc.Arbitrary<unknown>) =>
  fc.record({ id: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5'), v: value, note: fc.option(leaf) });
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 6 }),
    fc.uniqueArray(record(tie('json')), { selector: (r) => r.id, maxLength: 5 }),
    fc.dictionary(key, tie('json'), { maxKeys: 5 }),
  ),
}));
const object = fc.dictionary(key, json, { maxKeys: 6 });

/** `b` made from `a` by edits, as a reducer makes the next state: most of `a` is still in it. */
const edited = (a: Record<string, unknown>) =>
  fc.tuple(object, fc.array(key, { maxLength: 3 })).map(([changes, drop]) => {
    const b: Record<string, unknown> = { ...a, ...changes };
    for (const k of drop) delete b[k];
    return b;
  });

describe('the field-level diff of plain JSON', () => {
  it('applied to the value it was made from gives the other value (any two objects)', () => {
    fc.assert(
      fc.property(object, object, (a, b) => {
        expect(applyDiff(a, diffObjects(a, b) ?? {})).toEqual(b);
      }),
      { numRuns: 2_000 },
    );
  });

  it('applied to a value and an edit of it gives the edit, without changing the input', () => {
    fc.assert(
      fc.property(
        object.chain((a) => fc.tuple(fc.constant(a), edited(a))),
        ([a, b]) => {
          const before = structuredClone(a);
          const d = diffObjects(a, b);
          expect(applyDiff(a, d ?? {})).toEqual(b);
          expect(a).toEqual(before);
          // After a round trip through JSON, as the wire carries it, and in the documented wire form.
          const wire: unknown = JSON.parse(JSON.stringify(d ?? {}));
          expect(ObjectDiffSchema.safeParse(wire).success).toBe(true);
          expect(applyDiff(a, wire as typeof d & object)).toEqual(b);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('is null for equal values, however they were built', () => {
    fc.assert(
      fc.property(json, (a) => {
        expect(diffValues(a, structuredClone(a))).toBeNull();
      }),
    );
  });

  it('names only what changed: one day of a long history, one key of a map', () => {
    const days = Object.fromEntries(
      Array.from({ length: 92 }, (_, i) => [`day-${i}`, { submitted: i, online: i, covidNewCases: 0 }]),
    );
    const next = { ...days, 'day-91': { ...days['day-91']!, submitted: 92 } };
    expect(diffObjects({ daily: days }, { daily: next })).toEqual({
      daily: ['patch', { 'day-91': ['patch', { submitted: ['put', 92] }] }],
    });
    const conditions = { 'sensor:a': { level: 1, alertId: 'x@1' }, 'sensor:b': { level: 2, alertId: 'y@2' } };
    const { 'sensor:a': _gone, ...rest } = conditions;
    expect(diffObjects(conditions, rest)).toEqual({ 'sensor:a': ['remove'] });
  });

  it('diffs a list of records by id: dropped, patched and appended, not the whole list', () => {
    const a = [
      { id: 'r1', v: 1 },
      { id: 'r2', v: 2 },
      { id: 'r3', v: 3 },
    ];
    const b = [
      { id: 'r2', v: 2 },
      { id: 'r3', v: 30 },
      { id: 'r4', v: 4 },
    ];
    expect(diffValues(a, b)).toEqual([
      'keyed',
      { remove: ['r1'], patch: { r3: { v: ['put', 30] } }, append: [{ id: 'r4', v: 4 }] },
    ]);
    // A reordering has no keyed form: the list goes whole.
    expect(diffValues(a, [a[1], a[0], a[2]])).toEqual(['put', [a[1], a[0], a[2]]]);
  });

  it('refuses a diff made from another value instead of guessing', () => {
    const op = diffValues([{ id: 'r1', v: 1 }], [{ id: 'r1', v: 2 }])!;
    expect(() => applyValueOp([{ id: 'r9', v: 1 }], op)).toThrow(DiffMismatchError);
    expect(() => applyValueOp(5, ['patch', { v: ['put', 1] }])).toThrow(DiffMismatchError);
  });
});
