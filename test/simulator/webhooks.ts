// Webhook deliveries as GitHub sends them to an installed App: bodies in the shapes of
// @octokit/webhooks-examples, filled from the simulator's state (repository, installation,
// sender, pull request, comment, review, check run), signed with the webhook secret over their
// raw bytes (X-Hub-Signature-256) and POSTed with GitHub's headers. Each delivery is recorded
// with the status the App answered.
import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Actor } from '../../src/core/model.ts';
import { aUser } from '../support/github-fixtures.ts';
import type { GitHubSimulator } from './github.ts';

type Json = Record<string, unknown>;

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Json[];
}[];

/** GitHub's example of `event` (with `action`, when given), copied. */
function exampleOf(event: string, action?: string): Json {
  const group = examples.find((entry) => entry.name === event)?.examples ?? [];
  const found = group.find((entry) => action === undefined || entry.action === action) ?? group[0];
  if (found === undefined) throw new Error(`@octokit/webhooks-examples has no ${event}`);
  return structuredClone(found);
}

export interface SentDelivery {
  id: string;
  event: string;
  action: string | undefined;
  payload: Json;
  /** The App's answer. */
  status: number;
  body: string;
}

export interface WebhookTarget {
  /** The App's webhook URL (`…/api/github/webhooks`). */
  url: string;
  secret: string;
}

/** Builds deliveries from the simulator's state and sends them to the App's webhook URL. */
export class WebhookSender {
  readonly sent: SentDelivery[] = [];
  private readonly sim: GitHubSimulator;
  private readonly target: WebhookTarget;

  constructor(sim: GitHubSimulator, target: WebhookTarget) {
    this.sim = sim;
    this.target = target;
  }

  /** Signs and POSTs `payload` as `event` (under delivery `id`: a redelivery keeps it); resolves with the App's answer once it has handled it. */
  async deliver(event: string, payload: Json, id: string = randomUUID()): Promise<SentDelivery> {
    const text = JSON.stringify(payload);
    const app = this.sim.app?.registration;
    const response = await fetch(this.target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/044aadd',
        'x-github-event': event,
        'x-github-delivery': id,
        'x-github-hook-id': '458916',
        'x-github-hook-installation-target-id': String(app?.id ?? 0),
        'x-github-hook-installation-target-type': 'integration',
        'x-hub-signature': `sha1=${createHmac('sha1', this.target.secret).update(text).digest('hex')}`,
        'x-hub-signature-256': `sha256=${createHmac('sha256', this.target.secret).update(text).digest('hex')}`,
      },
      body: text,
    });
    const sent: SentDelivery = {
      id,
      event,
      action: typeof payload.action === 'string' ? payload.action : undefined,
      payload,
      status: response.status,
      body: await response.text(),
    };
    this.sent.push(sent);
    return sent;
  }

  /** What every event of the repository carries: the repository, the installation, the sender. */
  private envelope(event: string, action: string | undefined, sender: Actor): Json {
    const base = exampleOf(event, action);
    const installationId = this.sim.app?.registration.installationId;
    const repository = this.sim.repository();
    return {
      ...base,
      ...(action === undefined ? {} : { action }),
      repository,
      ...('organization' in base
        ? { organization: { ...(base.organization as Json), login: (repository.owner as Json).login } }
        : {}),
      ...(installationId === undefined
        ? {}
        : {
            installation: {
              id: installationId,
              node_id: Buffer.from(`023:Integration Installation${installationId}`).toString('base64'),
            },
          }),
      sender: aUser(sender),
    };
  }

  private pullOf(number: number): Json {
    const pull = this.sim.pull(number);
    if (pull === undefined) throw new Error(`no pull request #${number}`);
    return pull;
  }

  /** pull_request.<action> (opened, synchronize, edited, …) for pull request `number`. */
  pullRequest(action: string, number: number, sender: Actor, extra: Json = {}): Json {
    const {
      before: _before,
      after: _after,
      changes: _changes,
      ...base
    } = this.envelope('pull_request', 'opened', sender);
    return { ...base, action, number, pull_request: this.pullOf(number), ...extra };
  }

  /** The pull request as the `issue` of its conversation's events. */
  private issueOf(number: number): Json {
    const template = exampleOf('issue_comment', 'created').issue as Json;
    const pull = this.sim.pull(number);
    const stored = this.sim.state.issues.get(number);
    if (pull === undefined) {
      if (stored === undefined) throw new Error(`no issue #${number}`);
      return { ...template, ...stored };
    }
    return {
      ...template,
      id: number * 1000,
      number,
      title: pull.title,
      body: pull.body,
      user: pull.user,
      labels: pull.labels,
      state: pull.state,
      html_url: pull.html_url,
      url: `${(this.sim.repository().url as string) ?? ''}/issues/${number}`,
      comments: this.sim.commentsOn(number).length,
      created_at: pull.created_at,
      updated_at: pull.updated_at,
      pull_request: {
        url: pull.url,
        html_url: pull.html_url,
        diff_url: pull.diff_url,
        patch_url: pull.patch_url,
        merged_at: null,
      },
    };
  }

  /** issue_comment.<action> for comment `comment` (as stored) on issue or pull request `number`. */
  issueComment(
    action: 'created' | 'edited' | 'deleted',
    number: number,
    comment: Json,
    sender: Actor,
    extra: Json = {},
  ): Json {
    const { changes: _changes, ...base } = this.envelope('issue_comment', action, sender);
    return { ...base, issue: this.issueOf(number), comment, ...extra };
  }

  /** pull_request_review.<action> for review `review` (as stored) of pull request `number`. */
  pullRequestReview(action: string, number: number, review: Json, sender: Actor, extra: Json = {}): Json {
    const pull = this.pullOf(number);
    const { changes: _changes, ...base } = this.envelope('pull_request_review', 'submitted', sender);
    return {
      ...base,
      ...extra,
      action,
      review: {
        ...review,
        // Deliveries spell the state in lower case (`approved`), unlike the REST API (`APPROVED`).
        state: String(review.state).toLowerCase(),
        html_url: `${pull.html_url}#pullrequestreview-${review.id}`,
        pull_request_url: pull.url,
      },
      pull_request: pull,
    };
  }

  /** check_run.requested_action: `sender` clicked the button `identifier` on check run `run` (as stored). */
  checkRunAction(run: Json, identifier: string, sender: Actor): Json {
    const repository = this.sim.repository();
    const reference = { id: repository.id, url: repository.url, name: repository.name };
    const numbers = this.sim.state.commitPulls[String(run.head_sha)] ?? [];
    const pullRequests = numbers.map((number) => {
      const pull = this.pullOf(number);
      const head = pull.head as Json;
      const base = pull.base as Json;
      return {
        url: pull.url,
        id: pull.id,
        number,
        head: { ref: head.ref, sha: head.sha, repo: reference },
        base: { ref: base.ref, sha: base.sha, repo: reference },
      };
    });
    return {
      ...this.envelope('check_run', 'requested_action', sender),
      check_run: { ...run, pull_requests: pullRequests },
      requested_action: { identifier },
    };
  }

  /** push: `sender` pushed `commits` to `ref`, moving it from `before` to `after`. */
  push(
    ref: string,
    before: string,
    after: string,
    commits: { id: string; message: string; added: string[]; modified: string[]; removed: string[] }[],
    sender: Actor,
  ): Json {
    const base = this.envelope('push', undefined, sender);
    const template = ((base.commits as Json[] | undefined) ?? [])[0] ?? {};
    const identity = {
      name: sender.login,
      email: `${sender.id}+${sender.login}@users.noreply.github.com`,
      username: sender.login,
    };
    const listed = commits.map((commit) => ({
      ...template,
      id: commit.id,
      tree_id: commit.id,
      message: commit.message,
      timestamp: this.sim.clock,
      url: `https://github.com/${(this.sim.repository().full_name as string) ?? ''}/commit/${commit.id}`,
      author: identity,
      committer: identity,
      added: commit.added,
      modified: commit.modified,
      removed: commit.removed,
    }));
    return {
      ...base,
      ref,
      before,
      after,
      created: /^0+$/.test(before),
      deleted: false,
      forced: false,
      base_ref: null,
      compare: `https://github.com/${(this.sim.repository().full_name as string) ?? ''}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits: listed,
      head_commit: listed.at(-1) ?? null,
      pusher: { name: sender.login, email: identity.email },
    };
  }
}
