// The tier of a classified tool call under the policy (DESIGN §10): the request the call would
// become, through the same risk evaluation as every other request, so rules (`if.kinds`), modes,
// `allow` and levels apply as they do on GitHub. A waived tier (mode, `allow`) proceeds.
// Stands in until the classifier's own `assessToolCall` lands: the lead can swap this one function.
import type { ToolCallClassification } from '../core/classify-tool-call.ts';
import type { Policy, Request } from '../core/model.ts';
import type { Tier } from '../core/registry.ts';
import { evaluateRisk } from '../core/risk.ts';

export function assessToolCallTier(
  policy: Policy,
  classification: ToolCallClassification,
  who: { repository: string; agent: string },
): Tier {
  const request: Request = {
    gate: { kind: 'request' },
    repository: who.repository,
    subject: { sha: '' },
    ...(classification.kind === undefined ? {} : { kind: classification.kind }),
    action: { text: classification.summary },
    options: [],
    declaredRisk: classification.risk,
    files: { paths: [], complete: true },
    labels: [],
    requester: { id: 0, login: who.agent, type: 'Bot' },
  };
  const risk = evaluateRisk(policy, request);
  return risk.waived === undefined ? risk.tier : 'proceed';
}
