// An installation token that GitHub stops taking before the App expects (it expired early by
// GitHub's clock, or was revoked) answers 401 "Bad credentials" mid-decision (security case R7).
// @octokit/auth-app keeps a token for 59 minutes by its own clock and retries a 401 only within
// seconds of minting one, so without this every request of the next hour would fail. This plugin
// mints a fresh token once and sends the request again; a second 401 stands. The JWT's own clock
// skew is @octokit/auth-app's: it retries with GitHub's time.
import type { Octokit } from '@octokit/core';

interface RequestOptions {
  request?: { refreshedToken?: boolean };
}

type Request = (options: RequestOptions) => Promise<unknown>;

function isInstallationTokenRefusal(error: unknown, options: RequestOptions): boolean {
  if ((error as { status?: number })?.status !== 401 || options.request?.refreshedToken === true)
    return false;
  // A JWT (the App's own routes) is @octokit/auth-app's to retry.
  const authorization = (error as { request?: { headers?: { authorization?: string } } }).request?.headers
    ?.authorization;
  return typeof authorization === 'string' && /^token /i.test(authorization);
}

export function refreshInstallationToken(octokit: Octokit) {
  octokit.hook.wrap('request', async (request, endpoint) => {
    const options = endpoint as unknown as RequestOptions;
    try {
      return (await (request as unknown as Request)(options)) as never;
    } catch (error) {
      if (!isInstallationTokenRefusal(error, options)) throw error;
      try {
        await octokit.auth({ type: 'installation', refresh: true });
      } catch {
        // Not an installation's client, or no new token: the refusal stands.
        throw error;
      }
      octokit.log.warn(`GitHub refused the installation token (401): retrying once with a new one`);
      return (await (request as unknown as Request)({
        ...options,
        request: { ...options.request, refreshedToken: true },
      })) as never;
    }
  });
  return {};
}
