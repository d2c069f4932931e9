import { describe, expect, it } from 'vitest';
import {
  createDecisionId,
  createRequestMarker,
  hashRequest,
  parseRequestMarkers,
  renderCanonicalJson,
} from '../../src/core/decision-id.ts';
import type { Request } from '../../src/core/model.ts';

const SHA = 'c0ffee0000000000000000000000000000000001';

function aRequest(): Request {
  return {
    gate: { kind: 'deployment', environment: 'production' },
    repository: 'acme/shop',
    subject: { sha: SHA, targetBranch: 'main', pullRequest: 7, url: 'https://github.com/acme/shop/pull/7' },
    kind: 'migration',
    action: { text: 'Run migration 0042', source: { path: 'docs/specs/0042.md', line: 3 } },
    context: { text: 'Orders table grows 2M rows a day.' },
    riskAssessment: { text: 'Locks the table for a minute.' },
    rollbackPlan: { text: 'Run 0042_down.sql.' },
    recommendation: { text: 'Option b, off-peak.' },
    options: [
      { key: 'a', name: 'Now', description: 'Run at once.' },
      { key: 'b', name: 'Off-peak', description: 'Run at 02:00 UTC.' },
    ],
    declaredRisk: { reversibility: 'irreversible', cost: 5 },
    files: { paths: ['db/migrations/0042.sql'], complete: true },
    labels: ['db'],
    requester: { id: 100, login: 'agent', type: 'Bot' },
    onBehalfOf: { id: 1, login: 'alice', type: 'User' },
    spec: { path: 'docs/specs/0042.md' },
  };
}

/** The same request with every object's keys in reverse order. */
function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reversed(member)]),
  ) as T;
}

describe('renderCanonicalJson', () => {
  it('sorts keys at every depth, keeps array order and leaves out undefined members', () => {
    expect(renderCanonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: 'x' }, e: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"z":1}]},"b":1}',
    );
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => renderCanonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });
});

describe('hashRequest', () => {
  const base = hashRequest(aRequest());

  it('is a SHA-256 in hex', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    expect(hashRequest(reversed(aRequest()))).toBe(base);
  });

  it.each<[string, (request: Request) => void]>([
    [
      'gate kind',
      (r) => {
        r.gate.kind = 'request';
      },
    ],
    [
      'environment',
      (r) => {
        r.gate.environment = 'staging';
      },
    ],
    [
      'repository',
      (r) => {
        r.repository = 'acme/other';
      },
    ],
    [
      'subject sha',
      (r) => {
        r.subject.sha = SHA.replace('1', '2');
      },
    ],
    [
      'kind',
      (r) => {
        r.kind = 'deploy';
      },
    ],
    [
      'action',
      (r) => {
        r.action = { text: 'Run migration 0043' };
      },
    ],
    [
      'context',
      (r) => {
        r.context = { text: 'Different context.' };
      },
    ],
    ['risk assessment', (r) => delete r.riskAssessment],
    [
      'rollback plan',
      (r) => {
        r.rollbackPlan = { text: 'Restore the snapshot.' };
      },
    ],
    [
      'recommendation',
      (r) => {
        r.recommendation = { text: 'Option a.' };
      },
    ],
    [
      'option name',
      (r) => {
        r.options[0] = { key: 'a', name: 'Right now', description: 'Run at once.' };
      },
    ],
    [
      'option description',
      (r) => {
        r.options[1] = { key: 'b', name: 'Off-peak', description: 'At 03:00.' };
      },
    ],
    ['option order', (r) => r.options.reverse()],
    [
      'declared risk',
      (r) => {
        r.declaredRisk = { reversibility: 'irreversible', cost: 500 };
      },
    ],
  ])('changes with the %s', (_field, change) => {
    const request = aRequest();
    change(request);
    expect(hashRequest(request)).not.toBe(base);
  });

  it.each<[string, (request: Request) => void]>([
    [
      'changed files',
      (r) => {
        r.files = { paths: ['db/migrations/0042.sql', 'README.md'], complete: false };
      },
    ],
    [
      'labels',
      (r) => {
        r.labels = ['db', 'urgent'];
      },
    ],
    [
      'requester',
      (r) => {
        r.requester = { id: 2, login: 'bob', type: 'User' };
      },
    ],
    ['person acted for', (r) => delete r.onBehalfOf],
    [
      'source lines of the texts',
      (r) => (r.action = { text: 'Run migration 0042', source: { path: 'x.md', line: 9 } }),
    ],
    [
      'spec path',
      (r) => {
        r.spec = { path: 'docs/specs/renamed.md' };
      },
    ],
    [
      'pull request and branch',
      (r) => {
        r.subject = { sha: SHA };
      },
    ],
    [
      'case of the repository and sha',
      (r) => {
        r.repository = 'Acme/Shop';
        r.subject.sha = SHA.toUpperCase();
      },
    ],
  ])('does not change with the %s', (_field, change) => {
    const request = aRequest();
    change(request);
    expect(hashRequest(request)).toBe(base);
  });
});

describe('createDecisionId', () => {
  const input = {
    repository: 'acme/shop',
    gate: 'gatehouse: production',
    sha: SHA,
    requestHash: 'a'.repeat(64),
    decision: 'approved',
  } as const;

  it('is 24 hex characters, the same for the same input', () => {
    expect(createDecisionId(input)).toMatch(/^[0-9a-f]{24}$/);
    expect(createDecisionId({ ...input })).toBe(createDecisionId(input));
  });

  it('stays the id logs already hold: a SHA-256 of the canonical JSON of its inputs', () => {
    // Pinned: an id that changed would make every record in every log an id_mismatch.
    expect(createDecisionId({ ...input, repository: 'Acme/Shop', sha: SHA.toUpperCase() })).toBe(
      '16ff96a21c2ff775c03b17a1',
    );
    expect(
      createDecisionId({
        ...input,
        repository: 'Acme/Shop',
        sha: SHA,
        gate: 'gatehouse: "prod" \u202e ü \\ 😀',
      }),
    ).toBe('27af25f274026728898662f8');
  });

  it.each([
    ['repository', { repository: 'acme/other' }],
    ['gate', { gate: 'gatehouse' }],
    ['sha', { sha: SHA.replace('1', '3') }],
    ['request hash', { requestHash: 'b'.repeat(64) }],
    ['decision', { decision: 'rejected' }],
  ] as const)('differs by the %s', (_field, change) => {
    expect(createDecisionId({ ...input, ...change })).not.toBe(createDecisionId(input));
  });
});

describe('request markers', () => {
  const hash = 'f'.repeat(64);

  it('creates the hidden marker and finds it again', () => {
    const marker = createRequestMarker(hash);
    expect(marker).toBe(`<!-- gatehouse:request ${hash} -->`);
    expect(parseRequestMarkers(`body\n${marker}`)).toEqual([hash]);
  });

  it('refuses anything but a hash, so nothing can close the comment early', () => {
    expect(() => createRequestMarker('x --> <b>')).toThrow(TypeError);
  });
});
