// What an issue's timeline records and nobody can delete (GitHub's issue events): `labeled` and
// `unlabeled` when labels are added or removed through the API, `closed` and `reopened` when its
// state changes. Also deleting an issue comment, which leaves no trace on the timeline. The
// simulator's own routes keep the issue; this module adds the events (and the routes it lacks).
import { anError, aTimelineEvent, type aUser, example, OWNER, REPO } from '../support/github-fixtures.ts';
import type { Answer, GitHubSimulator, Router } from './github.ts';

type Json = Record<string, unknown>;

const ISSUE = new RegExp(`^/repos/${OWNER}/${REPO}/issues/(\\d+)$`);
const LABELS = new RegExp(`^/repos/${OWNER}/${REPO}/issues/(\\d+)/labels(?:/([^/]+))?$`);
const COMMENT = new RegExp(`^/repos/${OWNER}/${REPO}/issues/comments/(\\d+)$`);

export const issueEvents: Router = ({ method, path, body, caller, simulator }) => {
  const comment = COMMENT.exec(path);
  if (comment !== null && method === 'DELETE') return deleteComment(simulator, Number(comment[1]));
  const issuePath = ISSUE.exec(path);
  if (issuePath !== null && method === 'PATCH') {
    // The state change is recorded here; the simulator's own route answers the request.
    const issue = simulator.state.issues.get(Number(issuePath[1]));
    const state = body.state;
    if (issue !== undefined && (state === 'open' || state === 'closed') && state !== issue.state)
      record(simulator, Number(issuePath[1]), state === 'closed' ? 'closed' : 'reopened', caller.actor, {
        ...(state === 'closed' ? { state_reason: body.state_reason ?? 'completed' } : {}),
      });
    return undefined;
  }
  const labels = LABELS.exec(path);
  if (labels === null) return undefined;
  const number = Number(labels[1]);
  const issue = simulator.state.issues.get(number);
  if (issue === undefined) return undefined;
  const names = () => (issue.labels as Json[]).map((label) => String(label.name));
  if (method === 'POST' && labels[2] === undefined) {
    const added = ((body.labels as unknown[] | undefined) ?? [])
      .map(String)
      .filter((n) => !names().includes(n));
    for (const name of added) {
      issue.labels = [...(issue.labels as Json[]), aLabel(simulator, name)];
      record(simulator, number, 'labeled', caller.actor, { label: { name, color: 'ededed' } });
    }
    return [200, issue.labels];
  }
  if (method === 'DELETE' && labels[2] !== undefined) {
    const name = decodeURIComponent(labels[2]);
    if (!names().includes(name)) return [404, anError('Label does not exist')];
    issue.labels = (issue.labels as Json[]).filter((label) => label.name !== name);
    record(simulator, number, 'unlabeled', caller.actor, { label: { name, color: 'ededed' } });
    return [200, issue.labels];
  }
  return undefined;
};

function aLabel(simulator: GitHubSimulator, name: string): Json {
  const template = example('GET /repos/{owner}/{repo}/labels/{name}') as Json;
  return { ...template, id: simulator.state.nextId++, name, default: false };
}

function record(
  simulator: GitHubSimulator,
  number: number,
  event: string,
  actor: Parameters<typeof aUser>[0],
  fields: Json,
): void {
  const entry = {
    ...aTimelineEvent({ id: simulator.state.nextId++, event, at: simulator.clock, actor }),
    ...fields,
  };
  simulator.state.events.set(number, [...(simulator.state.events.get(number) ?? []), entry]);
}

/** A deleted comment is gone, from the conversation and from the timeline alike. */
function deleteComment(simulator: GitHubSimulator, id: number): Answer {
  for (const [number, list] of simulator.state.comments) {
    if (!list.some((entry) => entry.id === id)) continue;
    simulator.state.comments.set(
      number,
      list.filter((entry) => entry.id !== id),
    );
    const issue = simulator.state.issues.get(number);
    if (issue !== undefined) issue.comments = Math.max(0, (issue.comments as number) - 1);
    return [204, undefined];
  }
  return [404, anError('Not Found')];
}
