// What a webhook delivery must contain before Gatehouse acts on it. The signature covers the
// body only, not the X-GitHub-Event header, so a captured body replayed under another event name
// still verifies (W8): each event Gatehouse handles is checked against the shape GitHub sends for
// it, and a body that does not fit its event is refused with 400 before any handler work.
import { z } from 'zod';
import type { Actor } from '../core/model.ts';

const account = z.looseObject({ id: z.number().int(), login: z.string(), type: z.string() });
const repository = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  owner: z.looseObject({ login: z.string() }),
  default_branch: z.string().optional(),
});
const installation = z.looseObject({ id: z.number().int() });
const common = { action: z.string(), repository, installation, sender: account };

const SCHEMAS = {
  pull_request: z.looseObject({
    ...common,
    number: z.number().int(),
    pull_request: z.looseObject({
      number: z.number().int(),
      merged: z.boolean().nullish(),
      head: z.looseObject({ sha: z.string() }).optional(),
    }),
  }),
  issue_comment: z.looseObject({
    ...common,
    issue: z.looseObject({
      number: z.number().int(),
      pull_request: z.looseObject({}).nullish(),
      labels: z.array(z.looseObject({ name: z.string() })).optional(),
    }),
    comment: z.looseObject({
      id: z.number().int(),
      user: account,
      updated_at: z.string(),
      body: z.string().nullish(),
    }),
  }),
  pull_request_review: z.looseObject({
    ...common,
    review: z.looseObject({ id: z.number().int() }),
    pull_request: z.looseObject({ number: z.number().int() }),
  }),
  check_run: z.looseObject({
    ...common,
    check_run: z.looseObject({
      id: z.number().int(),
      name: z.string(),
      head_sha: z.string(),
      app: z.looseObject({ id: z.number().int() }).nullish(),
      output: z.looseObject({ summary: z.string().nullish() }).nullish(),
      pull_requests: z.array(
        z.looseObject({
          number: z.number().int(),
          base: z.looseObject({ repo: z.looseObject({ id: z.number().int() }) }),
        }),
      ),
    }),
    requested_action: z.looseObject({ identifier: z.string() }).nullish(),
  }),
  push: z.looseObject({
    ref: z.string(),
    before: z.string(),
    after: z.string(),
    deleted: z.boolean().optional(),
    repository: repository.extend({ default_branch: z.string() }),
    installation,
    sender: account,
    commits: z
      .array(
        z.looseObject({
          added: z.array(z.string()).optional(),
          modified: z.array(z.string()).optional(),
          removed: z.array(z.string()).optional(),
        }),
      )
      .optional(),
  }),
  // The installation itself, not the `{ id, node_id }` reference every other event carries.
  installation: z.looseObject({
    action: z.string(),
    installation: z.looseObject({
      id: z.number().int(),
      app_id: z.number().int(),
      account: z.looseObject({ login: z.string() }).nullable(),
      permissions: z.looseObject({}),
    }),
    sender: account,
  }),
  deployment_protection_rule: z.looseObject({
    action: z.string(),
    environment: z.string(),
    deployment_callback_url: z.string(),
    deployment: z.looseObject({ sha: z.string(), creator: account.nullish() }),
    repository,
    installation,
  }),
  // A deployment's status changed: a completed one is recorded as run (issue 12).
  deployment_status: z.looseObject({
    action: z.string(),
    deployment_status: z.looseObject({ state: z.string() }),
    deployment: z.looseObject({ id: z.number().int(), environment: z.string() }),
    repository,
    installation,
    sender: account,
  }),
  // GitHub's own "Review deployments" dialog: a required reviewer approved or rejected.
  deployment_review: z.looseObject({
    action: z.string(),
    environment: z.string().optional(),
    comment: z.string().nullish(),
    approver: account.nullish(),
    since: z.string(),
    workflow_run: z.looseObject({ id: z.number().int(), head_sha: z.string() }).nullish(),
    workflow_job_runs: z.array(z.looseObject({ environment: z.string() })).optional(),
    repository,
    installation,
    sender: account,
  }),
} as const;

export type HandledEvent = keyof typeof SCHEMAS;
export const HANDLED_EVENTS = Object.keys(SCHEMAS) as HandledEvent[];

/** A delivery whose body has the shape of its event, typed by event name. */
export type Delivery = {
  [E in HandledEvent]: { name: E; payload: z.infer<(typeof SCHEMAS)[E]> };
}[HandledEvent];

/** A delivery refused before any work: answered 400, so GitHub shows it as failed. */
export class DeliveryRejectedError extends Error {
  override name = 'DeliveryRejectedError';
  readonly status = 400;
}

function isHandledEvent(name: string): name is HandledEvent {
  return Object.hasOwn(SCHEMAS, name);
}

/**
 * The delivery, when it is one Gatehouse handles and its body fits its event; undefined for events
 * Gatehouse does not handle (ping, check_suite, …). Throws DeliveryRejectedError for a body that
 * does not fit its event.
 */
export function parseDelivery(name: string, payload: unknown): Delivery | undefined {
  if (!isHandledEvent(name)) return undefined;
  const result = SCHEMAS[name].safeParse(payload);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new DeliveryRejectedError(
      `the body of this "${name}" delivery does not fit that event: ${problems}`,
    );
  }
  return { name, payload: result.data } as Delivery;
}

/** The account in a payload as the engine sees it: numeric id first. */
export function createActor(account: { id: number; login: string; type: string }): Actor {
  return { id: account.id, login: account.login, type: account.type };
}
