import { describe, expect, it } from 'vitest';
import { fairShare } from './fair-share.ts';

/** Issue 22: the indexer's slice of the event loop grows with the time the others took. */
describe('fairShare', () => {
  /** A clock the test moves; `others(ms)` makes the turn the pace yields to take that long. */
  function clocked() {
    let t = 0;
    const clock = { now: () => t, advance: (ms: number) => (t += ms) };
    const others = (ms: number) => setImmediate(() => clock.advance(ms));
    return { clock, others };
  }

  it('a slice is a quarter of the loop at share 1/4: a third of what the others took', async () => {
    const { clock, others } = clocked();
    const pace = fairShare(1 / 4, 4, 40, clock.now);
    clock.advance(4);
    expect(pace.spent()).toBe(true); // the first slice is the minimum
    others(60);
    await pace.yield();
    clock.advance(19);
    expect(pace.spent()).toBe(false);
    clock.advance(1);
    expect(pace.spent()).toBe(true); // 20 ms after 60 ms of others: 20 / 80
  });

  it('a slice is never below the minimum nor above the maximum', async () => {
    const { clock, others } = clocked();
    const pace = fairShare(1 / 4, 4, 40, clock.now);
    others(0);
    await pace.yield();
    clock.advance(3);
    expect(pace.spent()).toBe(false);
    clock.advance(1);
    expect(pace.spent()).toBe(true);
    others(600);
    await pace.yield();
    clock.advance(39);
    expect(pace.spent()).toBe(false);
    clock.advance(1);
    expect(pace.spent()).toBe(true); // not 200 ms: a request waits 40 ms at most
  });
});
