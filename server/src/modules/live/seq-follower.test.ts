import { describe, expect, it } from 'vitest';
import { parseSnapshot } from './live.repository.ts';
import { formatEventId, parseEventId, SeqFollower } from './live.service.ts';

const rows = (...seqs: number[]) => seqs.map((seq) => ({ seq }));
const seqs = (taken: { seq: number }[]) => taken.map((row) => row.seq);

describe('SeqFollower: the cursor never passes a row that may still appear', () => {
  it('passes a hole at once on SQLite, where seq is commit order', () => {
    const follower = new SeqFollower(5_000);
    expect(seqs(follower.take(rows(1, 2, 4, 5), null, 1, 0))).toEqual([1, 2, 4, 5]);
    expect(follower.horizon).toBe(5);
  });

  it('waits below a hole while the transaction that may fill it runs, then hands out both in order', () => {
    const follower = new SeqFollower(5_000);
    // Transaction 100 took seq 2 and has not committed; 101 took 3 and has.
    const running = parseSnapshot('100:102:100');
    expect(seqs(follower.take(rows(1, 3), running, 1, 0))).toEqual([1]);
    expect(seqs(follower.take(rows(3), running, 2, 300))).toEqual([]);
    expect(seqs(follower.take(rows(3), running, 3, 600))).toEqual([]);
    // 100 commits: its row shows, and the cursor moves over both.
    expect(seqs(follower.take(rows(2, 3), parseSnapshot('102:102:'), 4, 900))).toEqual([2, 3]);
    expect(follower.horizon).toBe(3);
  });

  it('passes a hole that will never fill once every transaction running when it was seen has ended', () => {
    const follower = new SeqFollower(5_000);
    // Seq 2 was taken by transaction 100, which rolled back while 105 still runs.
    expect(seqs(follower.take(rows(1, 3), parseSnapshot('100:106:100,105'), 1, 0))).toEqual([1]);
    // Second sighting: the newest running transaction (105) is noted.
    expect(seqs(follower.take(rows(3), parseSnapshot('105:107:105'), 2, 300))).toEqual([]);
    // 105 has ended (xmin past it): the hole stays empty.
    expect(seqs(follower.take(rows(3, 4), parseSnapshot('107:108:107'), 3, 600))).toEqual([3, 4]);
  });

  it('does not wait for ever on a transaction that never ends', () => {
    const follower = new SeqFollower(2_000);
    const stuck = parseSnapshot('90:200:90');
    expect(seqs(follower.take(rows(1, 3), stuck, 1, 0))).toEqual([1]);
    expect(seqs(follower.take(rows(3), stuck, 2, 1_000))).toEqual([]);
    expect(seqs(follower.take(rows(3), stuck, 3, 2_000))).toEqual([3]);
  });
});

describe('event ids', () => {
  it('carry both cursors and refuse anything else', () => {
    expect(parseEventId(formatEventId({ changes: 12, notifications: 3 }))).toEqual({
      changes: 12,
      notifications: 3,
    });
    for (const bad of ['', '12', '12.', '.3', '1.2.3', '-1.2', 'a.b', '1e3.2'])
      expect(parseEventId(bad)).toBeNull();
  });
});
