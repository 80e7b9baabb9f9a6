import { describe, expect, it } from 'vitest';
import { completeReplayLink, parseReplayLink } from '../../client/features/replay/replay-link';

const q = (o: Record<string, string>) => `?${new URLSearchParams(o).toString()}`;

describe('completeReplayLink', () => {
  it('reads a copied link without the server: its end is its own', () => {
    const search = q({
      from: '2021-07-24T00:00:00.000+07:00',
      to: '2021-07-28T00:00:00.000+07:00',
      at: '2021-07-26T08:00:00.000+07:00',
      speed: '600',
    });
    const link = completeReplayLink(search);
    expect(link).toEqual(parseReplayLink(search, Date.parse('2030-01-01T00:00:00Z')));
    expect(link?.atMs).toBe(Date.parse('2021-07-26T08:00:00+07:00'));
    expect(link?.speed).toBe(600);
  });

  it('leaves a link without an end (or with a broken one) to wait for the scenario time', () => {
    expect(completeReplayLink('')).toBeNull();
    expect(completeReplayLink(q({ at: '2021-07-26T08:00:00+07:00' }))).toBeNull();
    expect(completeReplayLink(q({ to: 'soon' }))).toBeNull();
  });
});
