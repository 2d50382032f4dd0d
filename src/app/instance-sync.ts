import type { AppContext } from './context.ts';
import { refreshCalendar } from './calendar.ts';
import { refreshProcedures } from './procedure-admin.ts';

/** How long an instance trusts what it read at start before it looks for changes other instances made. */
export const SHARED_REFRESH_MS = 5_000;

/**
 * Several instances share one PostgreSQL and each keeps procedures and the calendar in memory.
 * A procedure version or calendar days imported on one instance reach the others here: at most
 * once per `SHARED_REFRESH_MS` (a few small queries per interval, not per request), called by
 * the API's request hook and by the sweeper. A request naming an unknown version looks at once.
 */
export async function keepInSync(ctx: AppContext): Promise<void> {
  if (Math.abs(ctx.now().getTime() - ctx.procedures.checkedAt) < SHARED_REFRESH_MS) return;
  await refreshProcedures(ctx);
  await refreshCalendar(ctx);
}
