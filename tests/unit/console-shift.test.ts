import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SHIFT_STARTS,
  handoverAlerts,
  shiftStartMs,
  shiftStartsFrom,
} from '../../client/features/console/shift';
import type { Alert } from '../../protocol/state/alerts';
import { lateDossierAlert } from '../fixtures/alerts';

const vn = (iso: string) => Date.parse(`${iso}+07:00`);

const alert = (id: string, patch: Partial<Alert>): Alert =>
  lateDossierAlert(id, { raisedTsMs: vn('2021-08-01T09:00:00'), ...patch });

describe('shift start', () => {
  it('is the latest of 06, 14 and 22 h Vietnam time at or before now', () => {
    expect(DEFAULT_SHIFT_STARTS).toEqual([6, 14, 22]);
    expect(shiftStartMs(vn('2021-08-01T08:05:00'))).toBe(vn('2021-08-01T06:00:00'));
    expect(shiftStartMs(vn('2021-08-01T14:00:00'))).toBe(vn('2021-08-01T14:00:00'));
    expect(shiftStartMs(vn('2021-08-01T23:59:00'))).toBe(vn('2021-08-01T22:00:00'));
    // After midnight the night shift began the evening before.
    expect(shiftStartMs(vn('2021-08-02T03:00:00'))).toBe(vn('2021-08-01T22:00:00'));
  });

  it('reads other hours from ?shifts=, and keeps the defaults for a bad value', () => {
    expect(shiftStartsFrom('?shifts=19,7')).toEqual([7, 19]);
    expect(shiftStartMs(vn('2021-08-01T06:59:00'), shiftStartsFrom('?shifts=7,19'))).toBe(
      vn('2021-07-31T19:00:00'),
    );
    expect(shiftStartsFrom('')).toBe(DEFAULT_SHIFT_STARTS);
    expect(shiftStartsFrom('?shifts=6,25')).toBe(DEFAULT_SHIFT_STARTS);
    expect(shiftStartsFrom('?shifts=6,6')).toBe(DEFAULT_SHIFT_STARTS);
    expect(shiftStartsFrom('?shifts=x')).toBe(DEFAULT_SHIFT_STARTS);
  });
});

describe('handover list', () => {
  const shift = vn('2021-08-01T06:00:00');
  const note = (iso: string) => ({ operator: 'A', comment: '', tsMs: vn(iso), seq: 9 });

  it('holds what is going on now and what happened this shift, not a warning that ended in 2020', () => {
    const list = handoverAlerts(
      [
        // Ended a year ago, never acknowledged: open by the alarm model, but nothing for this shift.
        alert('old-late', { raisedTsMs: vn('2020-06-10T08:00:00'), clearedTsMs: vn('2020-06-10T17:00:00') }),
        // Raised before the shift and still going on: the next shift takes it over.
        alert('standing', { raisedTsMs: vn('2021-07-20T17:00:00') }),
        // Raised and ended within the shift.
        alert('spike', { raisedTsMs: vn('2021-08-01T07:00:00'), clearedTsMs: vn('2021-08-01T07:10:00') }),
        // Raised yesterday, resolved this shift: the handover says it was dealt with.
        alert('resolved', {
          raisedTsMs: vn('2021-07-31T20:00:00'),
          clearedTsMs: vn('2021-07-31T21:00:00'),
          resolved: note('2021-08-01T06:30:00'),
        }),
        // Resolved in the last shift: nothing for this one.
        alert('done-before', {
          raisedTsMs: vn('2021-07-31T20:00:00'),
          resolved: note('2021-07-31T21:00:00'),
        }),
      ],
      shift,
    );
    // Newest activity first.
    expect(list.map((a) => a.id)).toEqual(['spike', 'resolved', 'standing']);
  });
});
