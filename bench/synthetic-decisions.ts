// Synthetic decisions for the benchmarks and the report check (not tests): a log as a busy
// repository accumulates it over two years: pull-request gates and deployments to three
// environments, approvals by a few people, some rejections, expiries and changes asked.
// Record i is decided about 1 h 45 min after record i - 1.
import { createDecisionId } from '../src/core/decision-id.ts';
import type { DecisionRecord } from '../src/core/decision-record.ts';
import { createCheckName, type Decision } from '../src/core/registry.ts';

const people = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const environments = ['production', 'staging', 'eu-production'];
const rules = ['migrations', 'production-deploys', 'credentials', 'billing', 'infra', 'docs'];
const outcomes: Decision[] = [
  'approved',
  'approved',
  'approved',
  'approved',
  'approved',
  'auto_approved',
  'notified',
  'rejected',
  'expired',
  'changes_requested',
  'delayed',
];
const hex = (n: number, length: number) => n.toString(16).padStart(length, '0').slice(-length);

export function createSyntheticRecord(i: number): DecisionRecord {
  const deployment = i % 3 === 0;
  const environment = deployment ? environments[i % environments.length] : undefined;
  const decision = outcomes[i % outcomes.length] ?? 'approved';
  const sha = `${hex(i * 2654435761, 8)}${hex(i, 32)}`;
  const requestHash = `${hex(i * 40503, 16)}`.repeat(4);
  const check = createCheckName(environment);
  const requested = Date.parse('2024-03-01T08:00:00Z') + i * 6_300_000;
  const decided = requested + (10 + (i % 240)) * 60_000;
  const at = new Date(decided).toISOString().replace('.000Z', 'Z');
  const approverCount = decision === 'approved' || decision === 'delayed' ? 1 + (i % 2) : 0;
  const approvers = Array.from({ length: approverCount }, (_, k) => {
    const person = (i + k * 3) % people.length;
    return {
      id: person + 1,
      login: people[person] ?? 'alice',
      at,
      via: k === 0 ? ('comment' as const) : ('review' as const),
    };
  });
  const matched = [
    rules[i % rules.length] ?? 'docs',
    ...(i % 4 === 0 ? [rules[(i + 1) % rules.length] ?? 'infra'] : []),
  ];
  const record: DecisionRecord = {
    schema: 1,
    id: createDecisionId({ repository: 'acme/shop', gate: check, sha, requestHash, decision }),
    repository: 'acme/shop',
    gate:
      environment === undefined
        ? { kind: 'pull_request', check }
        : { kind: 'deployment', check, environment },
    subject: deployment
      ? { sha, target_branch: 'main' }
      : {
          sha,
          pull_request: 1000 + i,
          target_branch: 'main',
          url: `https://github.com/acme/shop/pull/${1000 + i}`,
        },
    request: {
      hash: requestHash,
      action: deployment
        ? `Deploy release 2026.${i} to ${environment}`
        : `Change ${matched.join(' and ')} (#${1000 + i})`,
      kind: deployment ? 'deploy' : matched[0] === 'migrations' ? 'migration' : 'change',
    },
    tier: decision === 'auto_approved' ? 'proceed' : decision === 'notified' ? 'notify' : 'approve',
    level: 'approve',
    rules: matched,
    decision,
    approvers,
    times: {
      requested_at: new Date(requested).toISOString().replace('.000Z', 'Z'),
      decided_at: at,
      ...(decision === 'delayed' ? { effective_at: new Date(decided + 3_600_000).toISOString() } : {}),
      deadline: new Date(requested + 86_400_000).toISOString(),
    },
    links: {
      check_run: `https://github.com/acme/shop/runs/${500_000 + i}`,
      ...(deployment ? {} : { pull_request: `https://github.com/acme/shop/pull/${1000 + i}` }),
    },
    requester:
      i % 2 === 0
        ? { id: 900, login: 'deploy-agent[bot]', type: 'Bot' }
        : { id: 100 + (i % 7), login: `dev${i % 7}`, type: 'User' },
  };
  if (decision === 'rejected') {
    record.rejected_by = { id: 2, login: 'bob' };
    record.reason = 'Not during the freeze: the billing run starts at 02:00 UTC.';
  }
  if (decision === 'changes_requested') {
    record.modified_by = { id: 3, login: 'carol' };
    record.modifications = 'Take a snapshot of the table first, and link it in the rollback plan.';
  }
  if (decision === 'expired') record.reason = `no decision before ${record.times.deadline}`;
  if (environment !== undefined && i % 5 === 0) record.on_behalf_of = { id: 1, login: 'alice' };
  return record;
}
