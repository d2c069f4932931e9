// The decision announcement (DESIGN §7): a `repository_dispatch` event of type
// `gatehouse-decision`, so that an agent's workflow can resume with the answer. The payload
// carries the decision id: a consumer that sees one twice (a crash between sending and marking
// it sent) can tell.
import type { GitHubClient } from './client.ts';
import { NO_RETRY } from './request-error.ts';

export const DISPATCH_EVENT = 'gatehouse-decision';

export interface DecisionAnnouncement {
  decision: string;
  option: string | null;
  modifications: string | null;
  decision_id: string;
  request_hash: string;
  issue: number | null;
  sha: string;
  environment: string | null;
}

export async function publishDispatch(
  github: GitHubClient,
  target: { owner: string; repo: string },
  payload: DecisionAnnouncement,
): Promise<void> {
  await github.rest.repos.createDispatchEvent({
    owner: target.owner,
    repo: target.repo,
    event_type: DISPATCH_EVENT,
    client_payload: { ...payload },
    ...NO_RETRY,
  });
}
