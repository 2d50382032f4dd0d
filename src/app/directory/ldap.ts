import { readFileSync } from 'node:fs';
import { Client, EqualityFilter, InvalidCredentialsError, type Entry } from 'ldapts';
import { DomainError } from '../../domain/errors.ts';
import { msg } from '../../domain/messages.ts';
import { normalizeDn, parentDn } from './dn.ts';
import type { DirectoryDepartment, DirectoryPerson, DirectorySnapshot } from './sync.ts';

/**
 * An LDAP or Active Directory server (issue 20). Departments are the organisational units (and the organisation
 * entry on top) under `departmentBase`; people are the entries `userFilter` finds, in the department nearest above
 * them; groups are `groupOfNames`/`groupOfUniqueNames` (AD: `group`) entries listing members by DN.
 */
export type LdapConfig = {
  /** `ldap://host:389` or `ldaps://host:636`. */
  url: string;
  /** The service account the sync reads with, and looks people up with at sign-in. */
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  /** `openldap` (default) or `ad`: only the defaults of the fields below differ. */
  flavor?: 'openldap' | 'ad';
  /** Upgrade `ldap://` with StartTLS before binding. */
  startTls?: boolean;
  /** A PEM file of the CA that signed the server's certificate (ldaps:// or StartTLS). */
  caFile?: string;
  userBase?: string;
  userFilter?: string;
  usernameAttribute?: string;
  displayNameAttribute?: string;
  /** The attribute whose value never changes for an entry, even when it moves or is renamed. */
  idAttribute?: string;
  staffNoAttribute?: string;
  /** People matching this filter (as well as `userFilter`) are disabled: deactivated by a sync, refused at sign-in. */
  disabledFilter?: string;
  departmentBase?: string;
  departmentFilter?: string;
  groupBase?: string;
  groupFilter?: string;
  /** Milliseconds to wait for the server (default 15 s). */
  timeoutMs?: number;
};

const DEFAULTS = {
  openldap: {
    userFilter: '(objectClass=inetOrgPerson)',
    usernameAttribute: 'uid',
    displayNameAttribute: 'displayName',
    idAttribute: 'entryUUID',
    staffNoAttribute: 'employeeNumber',
    disabledFilter: undefined,
    departmentFilter: '(|(objectClass=organizationalUnit)(objectClass=organization))',
    groupFilter: '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))',
  },
  ad: {
    userFilter: '(&(objectCategory=person)(objectClass=user))',
    usernameAttribute: 'sAMAccountName',
    displayNameAttribute: 'displayName',
    idAttribute: 'objectGUID',
    staffNoAttribute: 'employeeID',
    // userAccountControl bit 2 (ACCOUNTDISABLE), by the bitwise-AND matching rule.
    disabledFilter: '(userAccountControl:1.2.840.113556.1.4.803:=2)',
    departmentFilter: '(objectClass=organizationalUnit)',
    groupFilter: '(objectClass=group)',
  },
} as const;

type Resolved = Required<Omit<LdapConfig, 'flavor' | 'startTls' | 'caFile' | 'disabledFilter'>> &
  Pick<LdapConfig, 'startTls' | 'caFile' | 'disabledFilter'>;

function resolve(c: LdapConfig): Resolved {
  const d = DEFAULTS[c.flavor ?? 'openldap'];
  return {
    url: c.url,
    bindDn: c.bindDn,
    bindPassword: c.bindPassword,
    baseDn: c.baseDn,
    startTls: c.startTls,
    caFile: c.caFile,
    userBase: c.userBase ?? c.baseDn,
    userFilter: c.userFilter ?? d.userFilter,
    usernameAttribute: c.usernameAttribute ?? d.usernameAttribute,
    displayNameAttribute: c.displayNameAttribute ?? d.displayNameAttribute,
    idAttribute: c.idAttribute ?? d.idAttribute,
    staffNoAttribute: c.staffNoAttribute ?? d.staffNoAttribute,
    disabledFilter: c.disabledFilter ?? d.disabledFilter,
    departmentBase: c.departmentBase ?? c.baseDn,
    departmentFilter: c.departmentFilter ?? d.departmentFilter,
    groupBase: c.groupBase ?? c.baseDn,
    groupFilter: c.groupFilter ?? d.groupFilter,
    timeoutMs: c.timeoutMs ?? 15_000,
  };
}

/** An attribute's values as text, whatever case the server spelled its name in; binary ids as hex. */
function values(entry: Entry, name: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  if (!key) return [];
  const raw = entry[key];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : String(v)));
}

function first(entry: Entry, name: string): string | undefined {
  return values(entry, name)[0];
}

/** Binary attributes (AD's objectGUID) must come back as bytes, not as mangled text. */
const BINARY = new Set(['objectguid', 'objectsid']);

export class LdapDirectory {
  private readonly c: Resolved;
  constructor(config: LdapConfig) {
    this.c = resolve(config);
  }

  /** A connection bound as `dn`; the caller unbinds. */
  private async connect(dn: string, password: string): Promise<Client> {
    const tlsOptions = this.c.caFile ? { ca: [readFileSync(this.c.caFile)] } : undefined;
    const client = new Client({
      url: this.c.url,
      timeout: this.c.timeoutMs,
      connectTimeout: this.c.timeoutMs,
      ...(tlsOptions ? { tlsOptions } : {}),
    });
    try {
      if (this.c.startTls) await client.startTLS(tlsOptions ?? {});
      await client.bind(dn, password);
      return client;
    } catch (err) {
      await client.unbind().catch(() => {});
      throw err;
    }
  }

  private async service(): Promise<Client> {
    try {
      return await this.connect(this.c.bindDn, this.c.bindPassword);
    } catch (err) {
      throw new DomainError('UNAVAILABLE', msg('ldap.unavailable', { message: (err as Error).message }));
    }
  }

  private async search(client: Client, base: string, filter: string, attributes: string[]): Promise<Entry[]> {
    const binary = attributes.filter((a) => BINARY.has(a.toLowerCase()));
    const { searchEntries } = await client.search(base, {
      scope: 'sub',
      filter,
      attributes,
      // Paged, so Active Directory's 1,000-entry limit does not cut a large directory short.
      paged: { pageSize: 500 },
      ...(binary.length ? { explicitBufferAttributes: binary } : {}),
    });
    return searchEntries;
  }

  /** Departments, people and groups as the sync reads them. */
  async snapshot(): Promise<DirectorySnapshot> {
    const c = this.c;
    const client = await this.service();
    try {
      const deptEntries = await this.search(client, c.departmentBase, c.departmentFilter, [c.idAttribute, 'ou', 'o']);
      const deptByDn = new Map<string, { id: string; name: string }>();
      for (const e of deptEntries) {
        const id = first(e, c.idAttribute);
        const name = first(e, 'ou') ?? first(e, 'o');
        if (id && name) deptByDn.set(normalizeDn(e.dn), { id, name });
      }
      /** The department nearest above `dn` (not `dn` itself). */
      const departmentAbove = (dn: string): string | null => {
        for (let up = parentDn(dn); up; up = parentDn(up)) {
          const d = deptByDn.get(up);
          if (d) return d.id;
        }
        return null;
      };
      const departments: DirectoryDepartment[] = [...deptByDn].map(([dn, d]) => ({
        externalId: d.id,
        parentExternalId: departmentAbove(dn),
        name: d.name,
      }));
      const personEntries = await this.search(client, c.userBase, c.userFilter, [
        c.idAttribute,
        c.usernameAttribute,
        c.displayNameAttribute,
        'cn',
        c.staffNoAttribute,
      ]);
      const disabled = new Set(
        c.disabledFilter
          ? (await this.search(client, c.userBase, `(&${c.userFilter}${c.disabledFilter})`, ['1.1'])).map((e) =>
              normalizeDn(e.dn),
            )
          : [],
      );
      const groupsOf = new Map<string, string[]>();
      for (const g of await this.search(client, c.groupBase, c.groupFilter, ['cn', 'member', 'uniqueMember'])) {
        const name = first(g, 'cn');
        if (!name) continue;
        for (const m of [...values(g, 'member'), ...values(g, 'uniqueMember')]) {
          const dn = normalizeDn(m);
          groupsOf.set(dn, [...(groupsOf.get(dn) ?? []), name]);
        }
      }
      const people: DirectoryPerson[] = [];
      for (const e of personEntries) {
        const id = first(e, c.idAttribute);
        const username = first(e, c.usernameAttribute);
        if (!id || !username) continue;
        const dn = normalizeDn(e.dn);
        const dept = departmentAbove(dn);
        const staffNo = first(e, c.staffNoAttribute);
        people.push({
          externalId: id,
          username,
          displayName: first(e, c.displayNameAttribute) ?? first(e, 'cn') ?? username,
          departmentIds: dept ? [dept] : [],
          groups: groupsOf.get(dn) ?? [],
          active: !disabled.has(dn),
          ...(staffNo ? { staffNo } : {}),
        });
      }
      return { departments, people };
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  /**
   * Sign-in by bind: finds the person's entry with the service account (they may have moved since the last
   * sync), then binds as that entry with the password they typed. False for a wrong password, an unknown or a
   * disabled person; an unreachable server is an error, not a wrong password.
   */
  async authenticate(username: string, password: string): Promise<boolean> {
    // An empty password is an "unauthenticated bind" (RFC 4513 §5.1.2), which servers accept: never a sign-in.
    if (!password) return false;
    const c = this.c;
    const who = new EqualityFilter({ attribute: c.usernameAttribute, value: username }).toString();
    const filter = `(&${c.userFilter}${who}${c.disabledFilter ? `(!${c.disabledFilter})` : ''})`;
    const client = await this.service();
    let dn: string;
    try {
      const found = await this.search(client, c.userBase, filter, ['1.1']);
      if (found.length !== 1) return false;
      dn = found[0].dn;
    } finally {
      await client.unbind().catch(() => {});
    }
    try {
      const user = await this.connect(dn, password);
      await user.unbind().catch(() => {});
      return true;
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return false;
      throw new DomainError('UNAVAILABLE', msg('ldap.unavailable', { message: (err as Error).message }));
    }
  }
}
