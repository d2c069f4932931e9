// Environment sync, errors: why the environments cannot be synced, one line per problem saying
// what was being done and how to fix it (the permission the token needs), shared by plan.ts and
// apply.ts. Also how an environment's name is written in those lines.
import { describeRequestError, readStatus } from '../request-error.ts';

/** Why the environments cannot be synced, one line per problem, none of them a stack trace. */
export class EnvironmentSyncError extends Error {
  override name = 'EnvironmentSyncError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

type Need = 'read' | 'write' | 'user' | 'team';

/** Runs one request; a failure becomes one line saying what was being done and how to fix it. */
export async function guard<T>(
  doing: string,
  need: Need,
  request: () => Promise<T>,
  notFound?: string,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (notFound !== undefined && readStatus(error) === 404)
      throw new EnvironmentSyncError([`${doing}: ${notFound}`]);
    throw refusal(error, doing, need);
  }
}

const PERMISSION: Record<Need, string> = {
  read: 'the Administration repository permission (read to plan, write to apply)',
  write:
    'the Administration repository permission with write access (a classic token: the repo scope, and admin on the repository)',
  user: 'read access to public user profiles',
  team: 'the Members organization permission (read)',
};

export function refusal(error: unknown, doing: string, need: Need): EnvironmentSyncError {
  const status = readStatus(error);
  if (status === 401)
    return new EnvironmentSyncError([
      `${doing}: GitHub refused the token (401): set GITHUB_TOKEN to a valid token`,
    ]);
  if (status === 403 || status === 404) {
    const asked = acceptedPermissions(error);
    return new EnvironmentSyncError([
      `${doing}: GitHub denied it (${describeRequestError(error)}): the token needs ${PERMISSION[need]}${asked === undefined ? '' : ` (GitHub asks for ${asked})`}`,
    ]);
  }
  return new EnvironmentSyncError([`${doing}: ${describeRequestError(error)}`]);
}

/** GitHub names the fine-grained permissions an endpoint accepts in `x-accepted-github-permissions`. */
function acceptedPermissions(error: unknown): string | undefined {
  const response = (error as { response?: { headers?: Record<string, unknown> } }).response;
  const header = response?.headers?.['x-accepted-github-permissions'];
  return typeof header === 'string' && header !== '' ? header : undefined;
}

/** An environment name as written, or quoted when it has spaces or other unusual characters. */
export function quote(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : JSON.stringify(name);
}
