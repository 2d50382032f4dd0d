import { z } from 'zod';

/** Response schemas of the administration routes (issue 26): org units, users, grants, accounts. */

export const ZOrgUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  level: z.number().int().describe('1 for the top of the organisation'),
  path: z.string().describe('the ids from the top, e.g. /01J…/01K…/'),
});

/** A role held by a user, in a unit or (orgUnitId null) over the whole organisation. */
export const ZUserGrant = z.object({
  id: z.string(),
  role: z.string(),
  orgUnitId: z.string().nullable(),
  orgUnitName: z.string().nullable(),
});

export const ZAdminUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
  secondFactor: z.boolean().describe('a second factor is set up'),
  createdAt: z.string(),
  grants: z.array(ZUserGrant),
});

export const ZCreatedUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  grants: z.array(ZUserGrant),
});

export const ZGranted = z.object({
  id: z.string(),
  userId: z.string(),
  role: z.string(),
  orgUnitId: z.string().nullable(),
});

export const ZDoctor = z.object({
  ok: z.boolean().describe('no finding of severity error'),
  findings: z.array(
    z.object({
      check: z.string(),
      severity: z.enum(['error', 'warning']),
      message: z.string(),
      details: z.unknown().optional().describe('what the check found (ids, names), by check'),
    }),
  ),
});

export const ZAccountState = z.object({ id: z.string(), disabledAt: z.string().nullable() });

export const ZThrottle = z.object({
  key: z.string().describe('clear this one with clearThrottle'),
  kind: z.string(),
  username: z.string().nullable(),
  client: z.string().nullable(),
  failures: z.number().int(),
  windowEndsAt: z.string(),
  blockedUntil: z.string().nullable(),
});
