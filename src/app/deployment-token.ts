// The token that answers deployments (security case D6): an installation token minted for the one
// repository with only `deployments: write`, not the installation token with every permission of
// the App. @octokit/auth-app caches it (keyed by installation, repository and permissions) until
// shortly before it expires, so a token is minted about once an hour per repository.
import type { Probot } from 'probot';
import type { GateEnvironment } from '../gate/run-pull-request-gate.ts';
import { type ClientTuning, createGitHubClient } from '../github/client.ts';

/** What answering a deployment protection rule, or reporting on one, needs. */
export const ANSWER_PERMISSIONS = { deployments: 'write' } as const;

export function createDeploymentClientFactory(
  app: Pick<Probot, 'auth'>,
  installationId: number,
  tuning: ClientTuning = {},
): NonNullable<GateEnvironment['deploymentClient']> {
  return async (repository) => {
    const asApp = await app.auth();
    const { token } = (await asApp.auth({
      type: 'installation',
      installationId,
      repositoryNames: [repository.repo],
      permissions: ANSWER_PERMISSIONS,
    })) as { token: string };
    return createGitHubClient({ ...tuning, auth: token, baseUrl: asApp.request.endpoint.DEFAULTS.baseUrl });
  };
}
