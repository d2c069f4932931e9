// Builders for engine tests: a policy from real YAML, and requests and facts with sensible
// defaults that each test overrides with what it is about.
import type { Actor, Facts, Policy, Request, Statement } from '../../src/core/model.ts';
import { parsePolicy } from '../../src/core/policy.ts';

export function policyFrom(yaml: string): Policy {
  const result = parsePolicy(yaml, { file: '.github/gatehouse.yml' });
  if (!result.ok) throw new Error(`test policy is invalid:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.policy;
}

export const people = {
  author: { id: 100, login: 'agent-author', type: 'User' },
  alice: { id: 1, login: 'alice', type: 'User' },
  bob: { id: 2, login: 'bob', type: 'User' },
  carol: { id: 3, login: 'carol', type: 'User' },
  dave: { id: 4, login: 'dave', type: 'User' },
  mallory: { id: 66, login: 'mallory', type: 'User' },
  actionsBot: { id: 41898282, login: 'github-actions[bot]', type: 'Bot' },
  copilot: { id: 198982749, login: 'Copilot', type: 'Bot' },
  gatehouse: { id: 999, login: 'gatehouse[bot]', type: 'Bot' },
} satisfies Record<string, Actor>;

export const HEAD = 'c0ffee0000000000000000000000000000000001';
export const OLD_HEAD = 'bada550000000000000000000000000000000002';
/** When Gatehouse first saw HEAD. */
export const HEAD_SEEN = '2026-11-20T10:00:00Z';
/** Well after the push guard window. */
export const LATER = '2026-11-20T10:05:00Z';

export function aRequest(overrides: Partial<Request> = {}): Request {
  return {
    gate: { kind: 'pull_request' },
    repository: 'acme/shop',
    subject: { sha: HEAD, targetBranch: 'main', pullRequest: 7 },
    action: { text: 'Drop the legacy orders.status column' },
    context: { text: 'The column has been unused since the March release.' },
    rollbackPlan: { text: 'Restore the column from the nightly snapshot and redeploy the previous release.' },
    options: [],
    declaredRisk: {},
    files: { paths: ['src/app.ts'], complete: true },
    labels: [],
    requester: people.author,
    ...overrides,
  };
}

export function someFacts(overrides: Partial<Facts> = {}): Facts {
  return {
    head: { sha: HEAD, since: HEAD_SEEN },
    statements: [],
    permissions: {
      [people.alice.id]: 'write',
      [people.bob.id]: 'maintain',
      [people.carol.id]: 'admin',
      [people.dave.id]: 'read',
      [people.mallory.id]: 'write',
      [people.author.id]: 'write',
      [people.actionsBot.id]: 'write',
      [people.copilot.id]: 'write',
    },
    teams: {},
    author: people.author,
    selfIds: [people.gatehouse.id],
    history: [],
    requestedAt: HEAD_SEEN,
    ...overrides,
  };
}

let nextId = 1;
export function comment(
  author: Actor,
  body: string,
  at: string = LATER,
  extra: Partial<Statement> = {},
): Statement {
  return { source: 'comment', id: `c${nextId++}`, author, body, createdAt: at, updatedAt: at, ...extra };
}

export function review(
  author: Actor,
  state: NonNullable<Statement['reviewState']>,
  commitId: string = HEAD,
  at: string = LATER,
  body = '',
): Statement {
  return { source: 'review', id: `r${nextId++}`, author, body, createdAt: at, reviewState: state, commitId };
}

/** Minutes after HEAD_SEEN, as an ISO time. */
export function minutesAfterPush(minutes: number): string {
  return new Date(Date.parse(HEAD_SEEN) + minutes * 60_000).toISOString();
}
