// The fast check must never accept what the record schema refuses, and must return exactly what
// the schema returns (the same values, keys in the same order): zod stays the source of truth.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionRecordSchema, readValidRecord } from '../../src/core/decision-record.ts';
import {
  DECISIONS,
  GATE_KINDS,
  LEVELS,
  REQUIREMENTS,
  STATEMENT_SOURCES,
  TIERS,
} from '../../src/core/registry.ts';

const text = fc.string({ maxLength: 12 });
const nonEmpty = text.filter((value) => value !== '');
const time = fc.constantFrom(
  '2026-03-02T10:00:00Z',
  '2026-03-02T10:00:00.123Z',
  '2024-02-29T23:59:59+02:00',
  '2026-03-02T10:00:00.000Z',
);
const id = fc.integer({ min: 1, max: 2 ** 40 });
const link = fc.constantFrom('https://github.com/acme/shop/pull/7', 'http://ghe:8080/a/b/runs/1');
const person = fc.record({ id, login: nonEmpty });

/** A record the schema accepts, built as plain data (as the front matter reader returns it). */
const aValidRecord = fc
  .record(
    {
      schema: fc.constantFrom(1, 2),
      id: fc.stringMatching(/^[0-9a-f]{24}$/),
      repository: fc.constantFrom('acme/shop', 'a/b', 'x.y/z-1'),
      gate: fc.record(
        { kind: fc.constantFrom(...GATE_KINDS), check: nonEmpty, environment: nonEmpty, into: nonEmpty },
        { requiredKeys: ['kind', 'check'] },
      ),
      subject: fc.record(
        {
          sha: fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), fc.stringMatching(/^[0-9a-f]{64}$/)),
          pull_request: id,
          target_branch: nonEmpty,
          changed_files: fc.nat(),
          url: link,
        },
        { requiredKeys: ['sha'] },
      ),
      request: fc.record(
        {
          hash: fc.stringMatching(/^[0-9a-f]{64}$/),
          action: text,
          kind: nonEmpty,
          spec: nonEmpty,
          missing: fc.array(fc.constantFrom(...REQUIREMENTS), { maxLength: 2 }),
        },
        { requiredKeys: ['hash', 'action'] },
      ),
      tier: fc.constantFrom(...TIERS),
      level: fc.constantFrom(...LEVELS),
      rules: fc.array(nonEmpty, { maxLength: 3 }),
      decision: fc.constantFrom(...DECISIONS),
      approvers: fc.array(
        fc.record(
          {
            id,
            login: nonEmpty,
            at: time,
            via: fc.constantFrom(...STATEMENT_SOURCES),
            option: nonEmpty,
            note: nonEmpty,
          },
          { requiredKeys: ['id', 'login', 'at', 'via'] },
        ),
        { maxLength: 3 },
      ),
      rejected_by: person,
      modified_by: person,
      times: fc.record(
        { requested_at: time, decided_at: time, effective_at: time, deadline: time },
        { requiredKeys: ['requested_at', 'decided_at'] },
      ),
      links: fc.record(
        { check_run: link, comment: link, pull_request: link, workflow_run: link },
        { requiredKeys: [] },
      ),
      reason: text,
      option: nonEmpty,
      modifications: text,
      requester: fc.record({ id, login: nonEmpty, type: nonEmpty }),
      on_behalf_of: person,
      agent: nonEmpty,
    },
    {
      requiredKeys: [
        'schema',
        'id',
        'repository',
        'gate',
        'subject',
        'request',
        'tier',
        'level',
        'rules',
        'decision',
        'approvers',
        'times',
        'links',
        'requester',
      ],
    },
  )
  // Notes came with schema 2; and plain objects, as the front matter reader returns them.
  .map((record) =>
    JSON.parse(
      JSON.stringify(
        record.schema === 1
          ? { ...record, approvers: record.approvers.map(({ note: _note, ...approver }) => approver) }
          : record,
      ),
    ),
  );

/** Values a hand edit or a foreign writer could leave anywhere. */
const damage = fc.constantFrom<unknown>(
  null,
  '',
  'x',
  0,
  -1,
  -0,
  1.5,
  2 ** 53,
  true,
  [],
  {},
  ['x'],
  { id: 1 },
  'note',
  'not a time',
  '2026-02-30T10:00:00Z',
  '2026-03-02T10:00:00',
  'http:/acme',
  'https://exa mple.com',
  'ftp://acme.example',
  'g'.repeat(24),
  'A'.repeat(40),
  'acme/shop/x',
  'approved',
  'comment',
  1,
  2,
  3,
);

type Node = Record<string, unknown> | unknown[];

/** Every object and array in `value`, with itself first. */
function containers(value: unknown): Node[] {
  if (typeof value !== 'object' || value === null) return [];
  const children = Object.values(value).flatMap(containers);
  return [value as Node, ...children];
}

/** One change at a random place: a value replaced, a key removed, or a key added. */
const aDamagedRecord = fc
  .tuple(
    aValidRecord,
    fc.nat(),
    fc.nat(),
    fc.constantFrom('replace', 'remove', 'add'),
    damage,
    fc.constantFrom('note', 'extra', 'id', 'schema', 'times', '0'),
  )
  .map(([record, where, which, how, value, newKey]) => {
    const copy = structuredClone(record) as Record<string, unknown>;
    const places = containers(copy);
    const place = places[where % places.length] as Node;
    const keys = Object.keys(place);
    const key = keys.length === 0 ? newKey : (keys[which % keys.length] as string);
    const target = place as Record<string, unknown>;
    if (how === 'add') target[newKey] = value;
    else if (how === 'remove') delete target[key];
    else target[key] = value;
    return copy;
  });

function zodSays(data: unknown): string | undefined {
  const parsed = decisionRecordSchema.safeParse(data);
  return parsed.success ? JSON.stringify(parsed.data) : undefined;
}

describe('readValidRecord', () => {
  it('accepts every valid record, returning what the schema returns', () => {
    fc.assert(
      fc.property(aValidRecord, (record) => {
        const fast = readValidRecord(record);
        expect(fast).toBeDefined();
        expect(JSON.stringify(fast)).toBe(zodSays(record));
        expect(fast).toEqual(decisionRecordSchema.parse(record));
      }),
      { numRuns: 500 },
    );
  });

  it('never accepts what the schema refuses, and returns what it returns when it accepts', () => {
    fc.assert(
      fc.property(aDamagedRecord, (data) => {
        const fast = readValidRecord(data);
        if (fast !== undefined) expect(JSON.stringify(fast)).toBe(zodSays(data));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves a schema 1 record with a note to the schema, which says why', () => {
    const record = {
      schema: 1,
      id: 'c46c4c5e15c8c257004d53a2',
      repository: 'acme/shop',
      gate: { kind: 'deployment', check: 'gatehouse: production' },
      subject: { sha: 'c0ffee0000000000000000000000000000000001' },
      request: { hash: 'b'.repeat(64), action: 'x' },
      tier: 'approve',
      level: 'approve',
      rules: [],
      decision: 'approved',
      approvers: [{ id: 1, login: 'alice', at: '2026-03-02T10:20:00Z', via: 'comment', note: 'ok' }],
      times: { requested_at: '2026-03-02T10:00:00Z', decided_at: '2026-03-02T11:00:00Z' },
      links: {},
      requester: { id: 2, login: 'bob', type: 'User' },
    };
    expect(readValidRecord(record)).toBeUndefined();
    expect(decisionRecordSchema.safeParse(record).success).toBe(false);
  });
});
