import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ProcedureFileError, parseProcedure } from './procedure.parse.ts';
import { findAction, findState, initialState } from './procedure.schema.ts';

const FILE = 'customer-complaint.yaml';
const BUILT_IN = readFileSync(new URL('../procedures/customer-complaint.yaml', import.meta.url), 'utf8');

// biome-ignore lint/suspicious/noExplicitAny: raw YAML edited freely by each test
type Raw = Record<string, any>;

/** The built-in file as a plain object, changed by `edit`, written back as YAML. */
function variant(edit: (raw: Raw) => void): string {
  const raw = parseYaml(BUILT_IN) as Raw;
  edit(raw);
  return stringifyYaml(raw);
}

function action(raw: Raw, id: string): Raw {
  const found = (raw.actions as Raw[]).find((a) => a.id === id);
  if (!found) throw new Error(`test setup: no action ${id}`);
  return found;
}

/** The problems reported for a file; fails the test when the file parses. */
function problemsOf(text: string, file = FILE): ProcedureFileError['problems'] {
  try {
    parseProcedure(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(ProcedureFileError);
    return (err as ProcedureFileError).problems;
  }
  throw new Error('expected the procedure file to be refused');
}

describe('the built-in customer-complaint procedure', () => {
  const p = parseProcedure(BUILT_IN, FILE);

  it('parses, with defaults filled in', () => {
    expect(p.id).toBe('customer-complaint');
    expect(p.version).toBe(5); // issue 16: forwarding moves the case; issue 17: its clock only for other departments, S4 四.2 clocks, measures clocked one by one
    expect(initialState(p)).toBe('received');
    expect(findAction(p, 'forward')?.visibility).toBe('internal');
    expect(findAction(p, 'add-note')?.guards).toEqual([]);
    expect(findAction(p, 'add-note')?.clocks).toEqual({ start: [], stop: [], pause: [], resume: [] });
    expect(findAction(p, 'assign')?.clocks.start).toEqual(['target-date']); // S4 四.2 (issue 17)
    expect(p.intake.trackingPrefix).toEqual({ complaint: 'TS', suggestion: 'JY', report: 'JB', appeal: 'SS' });
  });

  it('declares the lifecycle states of SPEC §3 it uses, with three terminal ones', () => {
    expect(p.states.map((s) => s.id)).toEqual([
      'received',
      'accepted',
      'rejected',
      'assigned',
      'investigating',
      'decided',
      'resolved',
      'replied',
      'closed',
      'withdrawn',
    ]);
    expect(
      p.states
        .filter((s) => s.terminal)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['closed', 'rejected', 'withdrawn']);
    expect(findState(p, 'nowhere')).toBeUndefined();
  });

  it('requires the truth affirmation and the requested outcome at intake (INT-5)', () => {
    expect(p.intake.requireTruthAffirmation).toBe(true);
    expect(p.intake.require).toEqual(['requestedOutcome']);
  });

  it('lets the submitter rate and withdraw, and nothing else (EVA-1, WDR-1)', () => {
    expect(
      p.actions
        .filter((a) => a.roles.includes('submitter'))
        .map((a) => a.id)
        .sort(),
    ).toEqual(['rate', 'withdraw']);
  });
});

describe('a procedure file that cannot be loaded gives a ProcedureFileError naming file, path and problem', () => {
  it('invalid YAML', () => {
    const problems = problemsOf('id: customer-complaint\nname: [unclosed\n', 'broken.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'broken.yaml', path: '' });
    expect(problems[0].problem).toMatch(/^not valid YAML: /);
  });

  it('a message that lists every problem as "file: path: problem"', () => {
    const text = variant((raw) => {
      action(raw, 'accept').to = 'nowhere';
    });
    let error: unknown;
    try {
      parseProcedure(text, 'x.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ProcedureFileError);
    expect((error as Error).name).toBe('ProcedureFileError');
    expect((error as Error).message).toBe('x.yaml: actions[1](accept).to: unknown state "nowhere"');
  });

  it('a root-level problem is shown as (root) in the message', () => {
    let error: unknown;
    try {
      parseProcedure('a: [', 'y.yaml');
    } catch (err) {
      error = err;
    }
    expect((error as Error).message).toMatch(/^y\.yaml: \(root\): not valid YAML/);
  });

  type Case = { name: string; edit: (raw: Raw) => void; path: string; problem: string | RegExp };
  const cases: Case[] = [
    {
      name: 'unknown state in `to`',
      edit: (raw) => {
        action(raw, 'accept').to = 'nowhere';
      },
      path: 'actions[1](accept).to',
      problem: 'unknown state "nowhere"',
    },
    {
      name: 'unknown state in `from`',
      edit: (raw) => {
        action(raw, 'assign').from = ['accepted', 'limbo'];
      },
      path: 'actions[4](assign).from[1]',
      problem: 'unknown state "limbo"',
    },
    {
      name: 'unknown role',
      edit: (raw) => {
        action(raw, 'reply').roles = ['customer-service', 'ceo'];
      },
      path: 'actions[11](reply).roles[1]',
      problem: 'unknown role "ceo"',
    },
    {
      name: 'unknown clock in clocks.stop',
      edit: (raw) => {
        action(raw, 'accept').clocks = { stop: ['acceptance'] };
      },
      path: 'actions[1](accept).clocks.stop[0]',
      problem: 'unknown clock "acceptance"',
    },
    {
      name: 'duplicate action id',
      edit: (raw) => {
        action(raw, 'close').id = 'reply';
      },
      path: 'actions',
      problem: 'duplicate action "reply"',
    },
    {
      name: 'two initial states',
      edit: (raw) => {
        (raw.states as Raw[]).find((s) => s.id === 'accepted')!.initial = true;
      },
      path: 'states',
      problem: 'exactly one state must be initial (found 2)',
    },
    {
      name: 'no initial state',
      edit: (raw) => {
        delete (raw.states as Raw[]).find((s) => s.id === 'received')!.initial;
      },
      path: 'states',
      problem: 'exactly one state must be initial (found 0)',
    },
    {
      name: 'a non-terminal state no action leaves',
      edit: (raw) => {
        (raw.states as Raw[]).push({ id: 'limbo', label: { 'zh-CN': '悬而未决' } });
      },
      path: 'states[10](limbo)',
      problem: 'state "limbo" is not terminal but no action leaves it',
    },
    {
      name: 'a public action without publicText',
      edit: (raw) => {
        delete action(raw, 'accept').publicText;
      },
      path: 'actions[1](accept).publicText',
      problem: 'a public action needs publicText',
    },
    {
      name: '`updatesItemOf` without an integer `index` input',
      edit: (raw) => {
        (action(raw, 'update-measure').input as Raw[])[0].name = 'position';
      },
      path: 'actions[9](update-measure).updatesItemOf',
      problem: 'updatesItemOf needs an integer input named "index"',
    },
    {
      name: 'an invitation naming an input that is not a required user (issue 17)',
      edit: (raw) => {
        action(raw, 'accept').invites = { field: 'category', days: 7 };
      },
      path: 'actions[1](accept).invites.field',
      problem: '"category" is not a required user input of the action',
    },
    {
      name: 'an unknown top-level key (the schema is strict)',
      edit: (raw) => {
        raw.escalation = { levels: 2 };
      },
      path: '',
      problem: /escalation/,
    },
    {
      name: '`submit` as an action id (reserved for intake)',
      edit: (raw) => {
        action(raw, 'forward').id = 'submit';
      },
      path: 'actions',
      problem: '"submit" is reserved for intake',
    },
    {
      name: 'a fixed outcome that is not among the outcomes',
      edit: (raw) => {
        action(raw, 'close-invalid').fixed = { outcome: 'frivolous' };
      },
      path: 'actions[3](close-invalid).fixed.outcome',
      problem: 'unknown outcome "frivolous"',
    },
    {
      name: 'notify to an unknown role',
      edit: (raw) => {
        action(raw, 'rate').notify = [{ to: 'role:quality-office', template: 'rated' }];
      },
      path: 'actions[12](rate).notify[0]',
      problem: 'unknown role "quality-office"',
    },
    {
      name: 'an approval with no action that decides it (RES-3)',
      edit: (raw) => {
        action(raw, 'decide').approval = { roles: ['customer-service-manager'] };
      },
      path: 'actions[8](decide).approval',
      problem: 'an approval needs an action with decidesApproval: true',
    },
    {
      name: 'orgUnit set by a field that is not a unit (RTE-1)',
      edit: (raw) => {
        action(raw, 'forward').input[0].sets = 'orgUnit';
      },
      path: 'actions[0](forward).input[0](note).sets',
      problem: 'only a unit field sets orgUnit',
    },
    {
      name: 'a clock limited to some kinds that does not start on submit',
      edit: (raw) => {
        raw.clocks[0].startsOn = 'action';
        raw.clocks[0].kinds = ['appeal'];
        delete raw.clocks[0].registeredElsewhere;
      },
      path: 'clocks[0](forwarding).kinds',
      problem: 'kinds applies to clocks that start on submit',
    },
    {
      name: 'a clock for cases registered elsewhere that does not start on submit (issue 17)',
      edit: (raw) => {
        raw.clocks[0].startsOn = 'action';
      },
      path: 'clocks[0](forwarding).registeredElsewhere',
      problem: 'registeredElsewhere applies to clocks that start on submit',
    },
    {
      name: 'a clock retargeted by an action that runs to no date of the case (issue 17, S4 四.2)',
      edit: (raw) => {
        action(raw, 'update-measure').clocks = { retarget: ['forwarding'] };
      },
      path: 'actions[9](update-measure).clocks.retarget[0]',
      problem: 'clock "forwarding" does not run to a date of the case (dueFrom)',
    },
    {
      name: 'an item notice naming a field the measures do not have as a user (issue 17, RES-2)',
      edit: (raw) => {
        raw.clocks[2].warnNotify[1].to = 'item:description';
      },
      path: 'clocks[2](measures-due).warnNotify[1]',
      problem: 'the items of data.measures have no user field "description"',
    },
    {
      name: 'an item notice on a clock that runs to no list items (issue 17)',
      edit: (raw) => {
        raw.clocks[1].warnNotify.push({ to: 'item:owner', template: 'x' });
      },
      path: 'clocks[1](target-date).warnNotify[1]',
      problem: '"item:owner" names list items: only a clock with dueFrom.item has them',
    },
    {
      name: 'an item notice on an action, which runs to no items (issue 17)',
      edit: (raw) => {
        action(raw, 'update-measure').notify = [{ to: 'item:owner', template: 'x' }];
      },
      path: 'actions[9](update-measure).notify[0]',
      problem: '"item:owner" names list items: only a clock with dueFrom.item has them',
    },
    {
      name: 'earliest-open on a clock that runs to a single date (issue 17)',
      edit: (raw) => {
        raw.clocks[1].dueFrom.pick = 'earliest-open';
      },
      path: 'clocks[1](target-date).dueFrom.pick',
      problem: 'pick needs item',
    },
    {
      name: 'repeats raising to a severity the procedure does not have (CLS-3)',
      edit: (raw) => {
        raw.intake.repeats = { windowDays: 30, match: ['submitter'], raiseSeverity: { to: 'major' } };
      },
      path: 'intake.repeats.raiseSeverity.to',
      problem: 'unknown severity "major"',
    },
    {
      name: 'an id that is not kebab-case',
      edit: (raw) => {
        action(raw, 'close').id = 'Close';
      },
      path: 'actions[13](Close).id',
      problem: /kebab-case/,
    },
    {
      // A notice's id names its template and role and travels in a URL path (issue 26).
      name: 'a template name longer than 60 characters',
      edit: (raw) => {
        raw.intake.notify[1].template = `t${'-x'.repeat(30)}`;
      },
      path: 'intake.notify[1].template',
      problem: /60/,
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, { edit, path, problem }) => {
    const problems = problemsOf(variant(edit));
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(FILE);
    expect(problems[0].path).toBe(path);
    if (typeof problem === 'string') expect(problems[0].problem).toBe(problem);
    else expect(problems[0].problem).toMatch(problem);
  });

  // Same kind of cross-reference as the cases above, in places the checker does not look yet.
  const unchecked: Case[] = [
    {
      name: 'notify to an unknown role in intake.notify (INT-4)',
      edit: (raw) => {
        raw.intake.notify[1].to = 'role:complaints-desk';
      },
      path: 'intake.notify[1]',
      problem: /unknown role "complaints-desk"/,
    },
    {
      name: 'a fixed category that is not among the categories (CLS-1)',
      edit: (raw) => {
        action(raw, 'close-invalid').fixed = { outcome: 'invalid', category: 'weather' };
      },
      path: 'actions[3](close-invalid).fixed.category',
      problem: /weather/,
    },
  ];
  it.each(unchecked.map((c) => [c.name, c] as const))('%s', (_, { edit, path, problem }) => {
    const problems = problemsOf(variant(edit));
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0].problem).toMatch(problem);
  });

  it('reports every problem of a file at once, not only the first', () => {
    const problems = problemsOf(
      variant((raw) => {
        action(raw, 'accept').to = 'nowhere';
        action(raw, 'reply').roles = ['ceo'];
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['actions[1](accept).to', 'actions[11](reply).roles[0]']);
  });
});

/** DIS-1, MS-15: the `disclosure` key names a boolean consent field, known states and roles. */
describe('the disclosure key', () => {
  const withDisclosure = (
    disclosure: Raw,
    fields: Raw[] = [{ name: 'disclosureConsent', type: 'boolean', required: true, label: { 'zh-CN': '同意公示' } }],
  ) =>
    variant((raw) => {
      raw.intake.fields = [...(raw.intake.fields ?? []), ...fields];
      raw.disclosure = disclosure;
    });
  const valid = {
    consentField: 'disclosureConsent',
    from: ['closed'],
    proposedBy: ['customer-service'],
    reviewRole: 'customer-service-manager',
    respondentNoticeDays: 3,
  };

  it('loads when everything it names exists', () => {
    expect(parseProcedure(withDisclosure(valid), FILE).disclosure).toEqual(valid);
  });

  it('is optional: a procedure without it is never published', () => {
    expect(parseProcedure(BUILT_IN, FILE).disclosure).toBeUndefined();
  });

  it('refuses a consent field that is not a boolean intake field, unknown states and roles', () => {
    const problems = problemsOf(
      withDisclosure({ ...valid, consentField: 'orderNo', from: ['published'], reviewRole: 'editor' }, []),
    );
    expect(problems.map((p) => p.path).sort()).toEqual(
      ['disclosure', 'disclosure.consentField', 'disclosure.from[0]'].sort(),
    );
    expect(problems.map((p) => p.problem).join(' ')).toMatch(
      /not a boolean intake field.*|unknown state "published"|unknown role "editor"/,
    );
  });
});
