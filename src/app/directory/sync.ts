import { hash as argonHash } from '@node-rs/argon2';
import type { Insertable, Transaction } from 'kysely';
import { DomainError } from '../../domain/errors.ts';
import { timeOrderedId } from '../../domain/ids.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import type { Database } from '../../store/schema.ts';
import { disableUserIn, enableUserIn } from '../account-lifecycle.ts';
import type { AppContext } from '../context.ts';
import { msg } from '../../domain/messages.ts';

/** A department as a directory (LDAP, 企业微信, 钉钉, 飞书) reports it. */
export type DirectoryDepartment = { externalId: string; parentExternalId: string | null; name: string };

/** A person as a directory reports them; `active: false` means disabled there. */
export type DirectoryPerson = {
  externalId: string;
  username: string;
  displayName: string;
  departmentIds: string[];
  groups: string[];
  active: boolean;
  /** The staff number (LDAP employeeNumber, 钉钉 job_number, 飞书 employee_no), matched at intake (issue 16). */
  staffNo?: string;
};

export type DirectorySnapshot = { departments: DirectoryDepartment[]; people: DirectoryPerson[] };

/**
 * An admin-defined mapping rule: members of `group` (or of department `department`, by external id) hold `role`
 * in the unit of department `unit` (external id), or in their own first department when `unit` is omitted.
 */
export type MappingRule = { group?: string; department?: string; role: string; unit?: string };

export type SyncReport = {
  source: string;
  dryRun: boolean;
  counts: {
    unitsCreated: number;
    unitsRenamed: number;
    unitsMoved: number;
    usersCreated: number;
    usersUpdated: number;
    usersDeactivated: number;
    usersReactivated: number;
    grantsAdded: number;
    /** Rules whose `unit` is neither a department of this directory nor an org unit: skipped, named in samples. */
    unknownUnits: number;
  };
  /** Up to 50 names per kind, for the admin page's dry-run. */
  samples: Record<string, string[]>;
};

const SAMPLE = 50;

type Unit = { id: string; parent_id: string | null; name: string; path: string; level: number };

/**
 * Issue 20: applies a directory's departments and people. Departments become org units carrying the directory's
 * external id (renames and moves update the unit, never duplicate it); people become users; people gone from the
 * directory or disabled there are deactivated (sessions and tokens end), never deleted. Grants come from the
 * mapping rules and are only added: a sync never removes a grant, an org unit or a user. Audited with counts.
 */
export async function syncDirectory(
  ctx: AppContext,
  source: string,
  snapshot: DirectorySnapshot,
  rules: MappingRule[],
  opts: { dryRun: boolean; actor?: string },
): Promise<SyncReport> {
  const actor = opts.actor ?? `system:directory:${source}`;
  const report: SyncReport = {
    source,
    dryRun: opts.dryRun,
    counts: {
      unitsCreated: 0,
      unitsRenamed: 0,
      unitsMoved: 0,
      usersCreated: 0,
      usersUpdated: 0,
      usersDeactivated: 0,
      usersReactivated: 0,
      grantsAdded: 0,
      unknownUnits: 0,
    },
    samples: {},
  };
  const note = (kind: keyof SyncReport['counts'], what: string) => {
    report.counts[kind]++;
    report.samples[kind] ??= [];
    const list = report.samples[kind];
    if (list.length < SAMPLE) list.push(what);
  };
  const seenDept = new Set<string>();
  for (const d of snapshot.departments) {
    if (seenDept.has(d.externalId))
      throw new DomainError('VALIDATION_FAILED', msg('sync.duplicateDepartmentId', { externalId: d.externalId }));
    seenDept.add(d.externalId);
  }
  // An unusable password for people who sign in through the directory: one random secret per sync, never shown.
  const noPassword = opts.dryRun ? '' : await argonHash(Buffer.from(ctx.random(32)).toString('base64url'));
  const now = ctx.now().toISOString();
  const run = async (trx: Transaction<Database>) => {
    const links = await trx.selectFrom('directory_links').selectAll().where('source', '=', source).execute();
    const unitLink = new Map(links.filter((l) => l.kind === 'unit').map((l) => [l.external_id, l.local_id]));
    const userLink = new Map(links.filter((l) => l.kind === 'user').map((l) => [l.external_id, l.local_id]));
    const units = new Map<string, Unit>(
      (await trx.selectFrom('org_units').select(['id', 'parent_id', 'name', 'path', 'level']).execute()).map((u) => [
        u.id,
        { ...u, level: Number(u.level) },
      ]),
    );
    const newUnits: Unit[] = [];
    const newLinks: Database['directory_links'][] = [];
    // 1. Units: create the missing ones, rename; parents are resolved after all exist.
    for (const d of snapshot.departments) {
      const id = unitLink.get(d.externalId);
      const unit = id ? units.get(id) : undefined;
      if (!unit) {
        const u: Unit = {
          id: timeOrderedId(ctx.now(), ctx.random(10)),
          parent_id: null,
          name: d.name,
          path: '',
          level: 0,
        };
        units.set(u.id, u);
        newUnits.push(u);
        unitLink.set(d.externalId, u.id);
        newLinks.push({ source, kind: 'unit', external_id: d.externalId, local_id: u.id, created_at: now });
        note('unitsCreated', d.name);
      } else if (unit.name !== d.name) {
        note('unitsRenamed', `${unit.name} → ${d.name}`);
        unit.name = d.name;
        if (!opts.dryRun) await trx.updateTable('org_units').set({ name: d.name }).where('id', '=', unit.id).execute();
      }
    }
    const isNew = new Set(newUnits.map((u) => u.id));
    for (const d of snapshot.departments) {
      const unit = units.get(unitLink.get(d.externalId) as string) as Unit;
      const parentId = d.parentExternalId ? (unitLink.get(d.parentExternalId) ?? null) : null;
      if (unit.parent_id !== parentId) {
        if (!isNew.has(unit.id)) note('unitsMoved', d.name);
        unit.parent_id = parentId;
      }
    }
    // Paths and levels from the parent pointers, for the whole tree (hand-made units below synced ones move too).
    const resolved = new Map<string, { path: string; level: number }>();
    const resolve = (u: Unit, depth: number): { path: string; level: number } => {
      const known = resolved.get(u.id);
      if (known) return known;
      if (depth > units.size) throw new DomainError('VALIDATION_FAILED', msg('sync.departmentTreeHasCycle'));
      const parent = u.parent_id ? units.get(u.parent_id) : undefined;
      const up = parent ? resolve(parent, depth + 1) : { path: '/', level: -1 };
      const mine = { path: `${up.path}${u.id}/`, level: up.level + 1 };
      resolved.set(u.id, mine);
      return mine;
    };
    const moved: Unit[] = [];
    for (const u of units.values()) {
      const { path, level } = resolve(u, 0);
      if (isNew.has(u.id)) Object.assign(u, { path, level });
      else if (u.path !== path || u.level !== level) {
        Object.assign(u, { path, level });
        moved.push(u);
      }
    }
    if (!opts.dryRun) {
      // Parents before children: the foreign key on parent_id checks each row as it lands.
      newUnits.sort((a, b) => a.level - b.level);
      for (let i = 0; i < newUnits.length; i += 200)
        await trx
          .insertInto('org_units')
          .values(newUnits.slice(i, i + 200).map((u) => ({ ...u, created_at: now })))
          .execute();
      for (const u of moved)
        await trx
          .updateTable('org_units')
          .set({ parent_id: u.parent_id, path: u.path, level: u.level })
          .where('id', '=', u.id)
          .execute();
    }
    // 2. People.
    const users = new Map(
      (await trx.selectFrom('users').select(['id', 'username', 'display_name', 'disabled', 'staff_no']).execute()).map(
        (u) => [u.id, u],
      ),
    );
    const byName = new Map([...users.values()].map((u) => [u.username.toLowerCase(), u]));
    const grants = new Set(
      (await trx.selectFrom('role_grants').select(['user_id', 'role', 'org_unit_id']).execute()).map(
        (g) => `${g.user_id}|${g.role}|${g.org_unit_id}`,
      ),
    );
    const present = new Set<string>();
    // A rule naming a unit that is neither a department of this directory nor an org unit gives nothing: said so.
    for (const rule of rules)
      if (rule.unit !== undefined && !unitLink.has(rule.unit) && !units.has(rule.unit))
        note('unknownUnits', `${rule.group ?? rule.department} → ${rule.role}@${rule.unit}`);
    const newUsers: Insertable<Database['users']>[] = [];
    const newGrants: Database['role_grants'][] = [];
    for (const p of snapshot.people) {
      let userId = userLink.get(p.externalId);
      let user = userId ? users.get(userId) : undefined;
      if (!user) {
        const adopted = byName.get(p.username.toLowerCase());
        if (adopted) {
          user = adopted;
        } else {
          if (!p.active) continue;
          const row = {
            id: timeOrderedId(ctx.now(), ctx.random(10)),
            username: p.username,
            display_name: p.displayName,
            password_hash: noPassword,
            is_admin: 0,
            disabled: 0,
            disabled_at: null,
            created_at: now,
            staff_no: p.staffNo ?? null,
          };
          newUsers.push(row);
          user = {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            disabled: 0,
            staff_no: row.staff_no,
          };
          users.set(row.id, user);
          byName.set(p.username.toLowerCase(), user);
          note('usersCreated', `${p.displayName} (${p.username})`);
        }
        userId = user.id;
        userLink.set(p.externalId, user.id);
        newLinks.push({ source, kind: 'user', external_id: p.externalId, local_id: user.id, created_at: now });
      }
      const id = user.id;
      present.add(id);
      if (user.display_name !== p.displayName) {
        note('usersUpdated', `${user.display_name} → ${p.displayName}`);
        if (!opts.dryRun)
          await trx.updateTable('users').set({ display_name: p.displayName }).where('id', '=', id).execute();
      }
      // A staff number the directory no longer gives is kept: it may have been typed in by hand.
      if (p.staffNo && user.staff_no !== p.staffNo && !opts.dryRun)
        await trx.updateTable('users').set({ staff_no: p.staffNo }).where('id', '=', id).execute();
      if (!p.active) {
        if (user.disabled === 0) {
          note('usersDeactivated', `${p.displayName} (${p.username})`);
          if (!opts.dryRun)
            await disableUserIn(trx, now, actor, id, user.username, `directory ${source}: disabled there`);
        }
        continue;
      }
      if (user.disabled === 1 && !newUsers.some((n) => n.id === id)) {
        note('usersReactivated', `${p.displayName} (${p.username})`);
        if (!opts.dryRun) await enableUserIn(trx, now, actor, id, user.username);
      }
      for (const rule of rules) {
        const matches =
          (rule.group !== undefined && p.groups.includes(rule.group)) ||
          (rule.department !== undefined && p.departmentIds.includes(rule.department));
        if (!matches) continue;
        const unitExt = rule.unit ?? p.departmentIds[0];
        // A rule's unit: a department of this directory, else an org unit named by its own id.
        const unitId = unitExt
          ? (unitLink.get(unitExt) ?? (rule.unit && units.has(rule.unit) ? rule.unit : undefined))
          : undefined;
        if (!unitId) continue;
        const key = `${id}|${rule.role}|${unitId}`;
        if (grants.has(key)) continue;
        grants.add(key);
        newGrants.push({
          id: timeOrderedId(ctx.now(), ctx.random(10)),
          user_id: id,
          role: rule.role,
          org_unit_id: unitId,
          granted_by: actor,
          granted_at: now,
        });
        note('grantsAdded', `${p.username}: ${rule.role}@${units.get(unitId)?.name}`);
      }
    }
    // People this directory linked earlier and no longer lists: deactivated, never deleted.
    for (const [, localId] of userLink) {
      if (present.has(localId)) continue;
      const user = users.get(localId);
      if (!user || user.disabled === 1) continue;
      note('usersDeactivated', `${user.display_name} (${user.username})`);
      if (!opts.dryRun)
        await disableUserIn(trx, now, actor, localId, user.username, `directory ${source}: no longer listed`);
    }
    if (opts.dryRun) return;
    for (let i = 0; i < newUsers.length; i += 200)
      await trx
        .insertInto('users')
        .values(newUsers.slice(i, i + 200))
        .execute();
    for (let i = 0; i < newGrants.length; i += 200)
      await trx
        .insertInto('role_grants')
        .values(newGrants.slice(i, i + 200))
        .execute();
    for (let i = 0; i < newLinks.length; i += 200)
      await trx
        .insertInto('directory_links')
        .values(newLinks.slice(i, i + 200))
        .execute();
    await appendAudit(trx, {
      at: now,
      actor,
      action: 'directory.sync',
      entityType: 'directory_source',
      entityId: source,
      payload: { counts: report.counts, departments: snapshot.departments.length, people: snapshot.people.length },
    });
  };
  if (opts.dryRun) {
    // A dry run reads inside a transaction it then rolls back, so it sees exactly what the sync would.
    await ctx.store
      .transact(async (trx) => {
        await run(trx);
        throw new DryRunDone();
      })
      .catch((err) => {
        if (!(err instanceof DryRunDone)) throw err;
      });
    // Audited apart, since the run's own transaction was rolled back: who looked, and what they saw.
    await ctx.store.transact((trx) =>
      appendAudit(trx, {
        at: now,
        actor,
        action: 'directory.sync.dry-run',
        entityType: 'directory_source',
        entityId: source,
        payload: { counts: report.counts, departments: snapshot.departments.length, people: snapshot.people.length },
      }),
    );
  } else {
    await ctx.store.transact(run);
  }
  return report;
}

class DryRunDone extends Error {}
