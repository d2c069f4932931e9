// Webhook payloads for App tests: GitHub's real examples (@octokit/webhooks-examples), moved to
// the test repository and installation, with what each scenario needs laid over them.
import { createRequire } from 'node:module';
import { users } from '../support/github-fixtures.ts';

type Json = Record<string, unknown>;

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Json[];
}[];

export const INSTALLATION_ID = 7077;
export const REPOSITORY = { id: 4242, owner: 'acme', name: 'shop', defaultBranch: 'main' } as const;

/** The people of test/support/github-fixtures.ts, so that payloads and API answers agree. */
export const accounts = {
  author: { ...users.author },
  alice: { ...users.alice },
  bob: { ...users.bob },
  mallory: { ...users.mallory },
  gatehouse: { ...users.gatehouse },
} as const;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with `change` laid over it; objects merge, everything else (arrays too) is replaced. */
export function overlay(base: Json, change: Json): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(change)) {
    const current = result[key];
    result[key] = isObject(value) && isObject(current) ? overlay(current, value) : value;
  }
  return result;
}

/**
 * GitHub's example of `event` (with `action`, when given), in the test repository and installation,
 * sent by `sender`, with `change` laid over it.
 */
export function examplePayload(event: string, action: string | undefined, change: Json = {}): Json {
  const example = examples
    .find((group) => group.name === event)
    ?.examples.find((candidate) => action === undefined || candidate.action === action);
  if (example === undefined) throw new Error(`no example of ${event}.${action}`);
  const copy = structuredClone(example);
  const moved = overlay(copy, {
    installation: { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzA3Nw==' },
    // An installation event is about the account, not a repository.
    ...(event === 'installation'
      ? {}
      : {
          repository: {
            id: REPOSITORY.id,
            name: REPOSITORY.name,
            full_name: `${REPOSITORY.owner}/${REPOSITORY.name}`,
            default_branch: REPOSITORY.defaultBranch,
            owner: { login: REPOSITORY.owner, id: 5000, type: 'Organization' },
          },
        }),
    sender: { ...accounts.alice },
  });
  return overlay(moved, change);
}
