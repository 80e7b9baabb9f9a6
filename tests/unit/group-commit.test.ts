import { describe, expect, it } from 'vitest';
import type { IocEvent, LoggedEvent } from '../../protocol';
import { createGroupCommit } from '../../server/ingest/group-commit';
import type { AppendResult } from '../../server/store/event-store';
import { reading } from '../fixtures/events';

const ev = (id: string): IocEvent => ({ ...reading, id });

/** A log that numbers new ids, answers duplicates with their first seq, and records each transaction. */
function fakeLog() {
  const seqOf = new Map<string, number>();
  const transactions: string[][] = [];
  let failNext = false;
  return {
    transactions,
    failNext: () => (failNext = true),
    async append(events: readonly IocEvent[]): Promise<AppendResult> {
      await new Promise((r) => setTimeout(r, 5)); // a commit takes time: requests pile up behind it
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      transactions.push(events.map((e) => e.id));
      const accepted: LoggedEvent[] = [];
      const outcomes = events.map((e) => {
        const had = seqOf.get(e.id);
        if (had !== undefined) return { status: 'duplicate' as const, seq: had };
        const seq = seqOf.size + 1;
        seqOf.set(e.id, seq);
        accepted.push({ ...e, seq });
        return { status: 'accepted' as const, seq };
      });
      return { outcomes, accepted };
    },
  };
}

describe('group commit of ingest requests', () => {
  it('puts the requests of one turn in one transaction, and answers each with its own outcomes', async () => {
    const log = fakeLog();
    const handedOn: number[][] = [];
    const append = createGroupCommit({
      append: log.append,
      onAccepted: (es) => handedOn.push(es.map((e) => e.seq)),
      maxEvents: 1000,
    });
    const answers = await Promise.all([
      append([ev('a'), ev('b')]),
      append([ev('c')]),
      append([]),
      append([ev('a'), ev('d')]),
    ]);
    expect(log.transactions).toEqual([['a', 'b', 'c', 'a', 'd']]);
    expect(answers.map((r) => r.outcomes)).toEqual([
      [
        { status: 'accepted', seq: 1 },
        { status: 'accepted', seq: 2 },
      ],
      [{ status: 'accepted', seq: 3 }],
      [],
      [
        { status: 'duplicate', seq: 1 },
        { status: 'accepted', seq: 4 },
      ],
    ]);
    expect(answers.map((r) => r.accepted.map((e) => e.id))).toEqual([['a', 'b'], ['c'], [], ['d']]);
    expect(handedOn).toEqual([[1, 2, 3, 4]]);
  });

  it('groups what arrives during a commit into the next one, in arrival order, never past the size cap', async () => {
    const log = fakeLog();
    const append = createGroupCommit({ append: log.append, onAccepted: () => {}, maxEvents: 3 });
    const first = append([ev('1')]);
    await new Promise((r) => setImmediate(r)); // the first commit has started
    const rest = ['2', '3', '4', '5', '6'].map((id) => append([ev(id)]));
    const big = append([ev('7'), ev('8'), ev('9'), ev('10')]);
    await Promise.all([first, ...rest, big]);
    expect(log.transactions).toEqual([['1'], ['2', '3', '4'], ['5', '6'], ['7', '8', '9', '10']]);
  });

  it('hands events on before any caller hears, so an acknowledged event is already in the live state', async () => {
    const log = fakeLog();
    const order: string[] = [];
    const append = createGroupCommit({
      append: log.append,
      onAccepted: () => order.push('handed on'),
      maxEvents: 100,
    });
    await Promise.all([
      append([ev('x')]).then(() => order.push('x heard')),
      append([ev('y')]).then(() => order.push('y heard')),
    ]);
    expect(order).toEqual(['handed on', 'x heard', 'y heard']);
  });

  it('fails every request of a failed transaction, and goes on with the next group', async () => {
    const log = fakeLog();
    const append = createGroupCommit({ append: log.append, onAccepted: () => {}, maxEvents: 100 });
    log.failNext();
    const failed = [append([ev('p')]), append([ev('q')])];
    for (const f of failed) await expect(f).rejects.toThrow('disk full');
    const after = await append([ev('p')]);
    expect(after.outcomes).toEqual([{ status: 'accepted', seq: 1 }]);
    expect(log.transactions).toEqual([['p']]);
  });

  it('keeps the place of a request whose events are still being checked: those behind it wait', async () => {
    const log = fakeLog();
    const append = createGroupCommit({ append: log.append, onAccepted: () => {}, maxEvents: 100 });
    let checked!: (events: IocEvent[]) => void;
    const slow = append(new Promise<IocEvent[]>((r) => (checked = r)));
    const behind = append([ev('b')]);
    await new Promise((r) => setTimeout(r, 20)); // long enough for a commit, had one started
    expect(log.transactions).toEqual([]);
    checked([ev('a')]);
    const [first, second] = await Promise.all([slow, behind]);
    expect(first.outcomes).toEqual([{ status: 'accepted', seq: 1 }]);
    expect(second.outcomes).toEqual([{ status: 'accepted', seq: 2 }]);
  });

  it('lets a request whose check failed give up its place, and the ones behind it go on', async () => {
    const log = fakeLog();
    const append = createGroupCommit({ append: log.append, onAccepted: () => {}, maxEvents: 100 });
    const failed = append(Promise.reject(new Error('check failed')));
    const behind = append([ev('c')]);
    await expect(failed).rejects.toThrow('check failed');
    expect((await behind).outcomes).toEqual([{ status: 'accepted', seq: 1 }]);
  });
});
