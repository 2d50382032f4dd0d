import { randomBytes } from 'node:crypto';
import { addUser, countAdministrators } from './auth.ts';
import type { AppContext } from './context.ts';

/**
 * While no administrator exists (the first start), creates the `admin` account: with PLAINT_ADMIN_PASSWORD if set, otherwise
 * with a generated password that is returned once for printing. Later starts do nothing.
 */
export async function ensureAdmin(
  ctx: AppContext,
  fromEnv = process.env.PLAINT_ADMIN_PASSWORD,
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await countAdministrators(ctx)) > 0) return { created: false };
  const generated = fromEnv ? undefined : randomBytes(15).toString('base64url');
  try {
    await addUser(
      ctx,
      { username: 'admin', displayName: '系统管理员', password: fromEnv ?? generated!, roles: [], isAdmin: true },
      'system:bootstrap',
    );
  } catch (err) {
    // Two instances starting together: the other one created it.
    if ((await countAdministrators(ctx)) > 0) return { created: false };
    throw err;
  }
  return { created: true, generatedPassword: generated };
}
