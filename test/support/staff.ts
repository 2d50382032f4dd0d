import { addUser, userActor } from '../../src/app/auth.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { Actor } from '../../src/domain/case.ts';
import { findUserByUsername } from '../../src/store/users.repository.ts';

/**
 * A member of staff as organisations set them up: every grant held in a unit (a role granted to the
 * whole organisation hides the faults of scope). Returns the actor their requests act as.
 */
export async function staffMember(
  ctx: AppContext,
  username: string,
  grants: { role: string; unitId: string }[],
  displayName = username,
): Promise<Actor> {
  await addUser(
    ctx,
    { username, password: 'correct horse battery', roles: grants, isAdmin: false, displayName },
    'system:test',
  );
  return userActor(ctx, (await findUserByUsername(ctx.store.db, username))!);
}
