/**
 * Runs `task` every `intervalMs` inside `plaint serve`, one run at a time (a slow run delays the
 * next instead of overlapping it); a failed run is logged and retried at the next tick.
 * Returns a stop function that waits for the run in progress.
 */
export function startPeriodic(
  name: string,
  intervalMs: number,
  task: () => Promise<string | null>,
  log: (msg: string, err?: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        const said = await task();
        if (said) log(`${name}: ${said}`);
      } catch (err) {
        log(`${name} failed; will retry`, err);
      }
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
