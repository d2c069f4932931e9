import { readFileSync } from 'node:fs';
import type { Policy } from '../../../src/core/model.ts';
import { formatPolicyProblem, parsePolicy } from '../../../src/core/policy.ts';

export const STARTER_POLICY_TEXT = readFileSync(
  new URL('../../../docs/examples/agents.yml', import.meta.url),
  'utf8',
);

export function loadStarterPolicy(): Policy {
  const result = parsePolicy(STARTER_POLICY_TEXT, { file: '.github/gatehouse.yml' });
  if (!result.ok) throw new Error(result.problems.map(formatPolicyProblem).join('\n'));
  return result.policy;
}
