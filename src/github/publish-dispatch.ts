// The decision announcement (DESIGN §7): a `repository_dispatch` event of type
// `gatehouse-decision`, so that an agent's workflow can resume with the answer. The payload
// carries the decision id: a consumer that sees one twice can tell. It is sent at least once:
// GitHub keeps no list of dispatches to look one up in, so a send whose answer was lost (R3) is
// retried like any other request, and a crash between sending and marking it sent sends it again.
import type { GitHubClient } from './client.ts';

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
  });
}
