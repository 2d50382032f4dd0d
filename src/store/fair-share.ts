/**
 * Issue 22: a background job's share of the event loop. The search indexer computes tokens on the
 * main thread, between requests. Yielding after a fixed number of cases gave it a fixed slice per
 * turn of the loop, and under a saturating submit load a turn is long (every request that arrived
 * meanwhile runs first): the indexer then did ~5 ms in every ~100 ms and fell further behind at
 * every submit rate above ~130/s. Here its slice grows with the time the others took since its
 * last one, so while it has work it gets `share` of the loop whatever the load — the rate it
 * indexes at rises with the rate cases arrive.
 */

/** Resolves after the event loop has run everything else that is ready (its check phase). */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

export type Pace = {
  /** True when this slice is used up and the caller should `yield` before going on. */
  spent(): boolean;
  /** Lets the loop run everything else that is ready, then starts the next slice. */
  yield(): Promise<void>;
};

/**
 * `share` of the loop (0–1) while the job runs; a slice is at least `minSliceMs` (so a quiet loop
 * does not make it yield after every case) and at most `maxSliceMs` (how long a request may wait
 * behind it). `now`: the clock, in ms (a test's own).
 */
export function fairShare(
  share: number,
  minSliceMs: number,
  maxSliceMs: number,
  now: () => number = () => performance.now(),
): Pace {
  let started = now();
  let sliceMs = minSliceMs;
  return {
    spent: () => now() - started >= sliceMs,
    async yield() {
      const paused = now();
      await nextTurn();
      started = now();
      // The others ran (started − paused); this slice is share/(1 − share) of that.
      const others = started - paused;
      sliceMs = Math.min(maxSliceMs, Math.max(minSliceMs, (others * share) / (1 - share)));
    },
  };
}

/**
 * The indexer's pace: a quarter of the loop per batch in flight, at most two at once (indexing is
 * ~1/8 of a submit's CPU: room to catch up after a burst).
 */
export const indexerPace = (): Pace => fairShare(1 / 4, 4, 40);

/**
 * A periodic job's pace (the dispatcher's deliveries): a quarter of the loop, in slices of at
 * most 10 ms, so a request waits behind it no longer than behind one group commit.
 */
export const backgroundPace = (): Pace => fairShare(1 / 4, 4, 10);
