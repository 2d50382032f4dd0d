import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { addUser, createToken } from '../src/app/auth.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 4's policy matrix: every role × every case endpoint × a case inside the actor's scope,
 * outside it, and one where the actor is a respondent. Outside and recused answer exactly like
 * a case that does not exist (404), and nothing leaks through the list or its search.
 */
type Where = 'inside' | 'outside' | 'respondent';
type Expect = Record<Where, number>;

const ROLES = [
  'intake-clerk',
  'customer-service',
  'customer-service-manager',
  'department-handler',
  'auditor',
  'none',
] as const;

/** What each role may do on a case it can see; the `outside` and `respondent` columns are always 404. */
const INSIDE: Record<string, Record<(typeof ROLES)[number], number>> = {
  'GET case': {
    'intake-clerk': 200,
    'customer-service': 200,
    'customer-service-manager': 200,
    'department-handler': 200,
    auditor: 404,
    none: 404,
  },
  'POST add-note': {
    'intake-clerk': 200,
    'customer-service': 200,
    'customer-service-manager': 200,
    'department-handler': 200,
    auditor: 404,
    none: 404,
  },
  'POST accept': {
    'intake-clerk': 403,
    'customer-service': 200,
    'customer-service-manager': 403,
    'department-handler': 403,
    auditor: 404,
    none: 404,
  },
  'POST identity': {
    'intake-clerk': 403,
    'customer-service': 200,
    'customer-service-manager': 200,
    'department-handler': 403,
    auditor: 404,
    none: 404,
  },
  'GET same-submitter': {
    'intake-clerk': 200,
    'customer-service': 200,
    'customer-service-manager': 200,
    'department-handler': 200,
    auditor: 404,
    none: 404,
  },
  'POST message': {
    'intake-clerk': 201,
    'customer-service': 201,
    'customer-service-manager': 201,
    'department-handler': 201,
    auditor: 404,
    none: 404,
  },
};

describe.each(BACKENDS)('policy matrix on $name', (backend) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  const cases: Record<string, Record<Where, string>> = {};
  let adminToken = '';

  beforeAll(async () => {
    h = await startHarness(backend, new TestClock());
    const company = await addOrgUnit(h.ctx, { name: '公司' }, 'system:test');
    const mine = await addOrgUnit(h.ctx, { name: '本部门', parent: company.id }, 'system:test');
    const other = await addOrgUnit(h.ctx, { name: '其他部门', parent: company.id }, 'system:test');
    adminToken = (await h.staff('matrix-admin', [], { isAdmin: true })).token;
    for (const role of ROLES) {
      const name = `m-${role}`;
      await addUser(
        h.ctx,
        {
          username: name,
          password: 'correct horse battery',
          isAdmin: false,
          roles: role === 'none' ? [] : [{ role, unitId: role === 'auditor' ? null : mine.id }],
        },
        'system:test',
      );
      tokens[role] = (await createToken(h.ctx, name, 't', 'system:test')).token;
    }
    // One case per role and endpoint, so that actions which change state do not interfere.
    for (const role of ROLES) {
      for (const endpoint of Object.keys(INSIDE)) {
        const make = async (unit: string, respondent: boolean) => {
          const res = await h.call('POST', '/api/v1/cases', {
            token: adminToken,
            body: complaint({ channel: 'phone', orgUnit: unit, respondents: [{ name: '某员工', type: 'person' }] }),
          });
          const id = res.json().id as string;
          if (respondent)
            await h.call('POST', `/api/v1/cases/${id}/respondents/0/link`, {
              token: adminToken,
              body: { user: `m-${role}` },
            });
          return id;
        };
        cases[`${role}|${endpoint}`] = {
          inside: await make(mine.id, false),
          outside: await make(other.id, false),
          respondent: await make(mine.id, true),
        };
      }
    }
  });
  afterAll(async () => h?.close());

  async function call(endpoint: string, token: string, id: string) {
    const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token: adminToken })).json();
    const version = detail.version as number;
    switch (endpoint) {
      case 'GET case':
        return h.call('GET', `/api/v1/cases/${id}`, { token });
      case 'POST add-note':
        return h.call('POST', `/api/v1/cases/${id}/actions/add-note`, {
          token,
          body: { input: { note: '备注' }, expectedVersion: version },
        });
      case 'POST accept':
        return h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
          token,
          body: { input: { category: 'other' }, expectedVersion: version },
        });
      case 'POST identity':
        return h.call('POST', `/api/v1/cases/${id}/identity`, { token, body: { reason: '核实身份' } });
      case 'GET same-submitter':
        return h.call('GET', `/api/v1/cases/${id}/same-submitter`, { token });
      case 'POST message':
        return h.call('POST', `/api/v1/cases/${id}/messages`, { token, body: { text: '您好' } });
      default:
        throw new Error(endpoint);
    }
  }

  const rows = ROLES.flatMap((role) =>
    Object.keys(INSIDE).flatMap((endpoint) =>
      (['inside', 'outside', 'respondent'] as Where[]).map((where) => {
        const expected: Expect = { inside: INSIDE[endpoint][role], outside: 404, respondent: 404 };
        return [role, endpoint, where, expected[where]] as const;
      }),
    ),
  );

  it.each(rows)('%s · %s · %s case → %i', async (role, endpoint, where, status) => {
    const res = await call(endpoint, tokens[role], cases[`${role}|${endpoint}`][where]);
    expect(res.statusCode, res.body).toBe(status);
    if (status === 404) expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it.each(ROLES)('%s finds in the list and its search only the cases it may see', async (role) => {
    const listed = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; trackingNo: string }[]; nextCursor: string | null } = (
        await h.call('GET', `/api/v1/cases?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token: tokens[role] })
      ).json();
      page.items.forEach((i) => listed.add(i.id));
      cursor = page.nextCursor;
    } while (cursor);
    for (const [key, ids] of Object.entries(cases)) {
      const own = key.startsWith(`${role}|`);
      expect(listed.has(ids.outside)).toBe(false);
      if (own) expect(listed.has(ids.respondent)).toBe(false);
      expect(listed.has(ids.inside)).toBe(INSIDE['GET case'][role] === 200);
    }
    // Search by tracking number leaks nothing either.
    const outsideCase = (
      await h.call('GET', `/api/v1/cases/${cases[`${role}|GET case`].outside}`, { token: adminToken })
    ).json();
    const search = (await h.call('GET', `/api/v1/cases?q=${outsideCase.trackingNo}`, { token: tokens[role] })).json();
    expect(search.items).toEqual([]);
  });

  it('answers 401 to every staff endpoint without a session or token', async () => {
    const id = cases['customer-service|GET case'].inside;
    for (const [method, url] of [
      ['GET', `/api/v1/cases/${id}`],
      ['GET', '/api/v1/cases'],
      ['POST', `/api/v1/cases/${id}/actions/add-note`],
      ['POST', `/api/v1/cases/${id}/identity`],
      ['GET', '/api/v1/supervision'],
      ['GET', '/api/v1/audit'],
      ['GET', '/api/v1/admin/org-units'],
      ['GET', '/api/v1/calendar'],
    ] as const) {
      expect((await h.call(method, url, { body: method === 'POST' ? {} : undefined })).statusCode, url).toBe(401);
    }
  });
});
