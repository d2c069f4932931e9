// The last step of GitHub's manifest flow: GitHub sends the visitor back with a code, which GitHub
// turns, once and within an hour, into the new App's ID, private key and webhook secret.
import type { GitHubClient } from './client.ts';
import { NO_RETRY } from './request-error.ts';

export interface RegisteredApp {
  id: number;
  name: string;
  slug: string | undefined;
  /** The App's public page, `https://github.com/apps/<slug>`. */
  htmlUrl: string;
  /** The account that owns the App, when GitHub says. */
  owner: { login: string; isOrganization: boolean } | undefined;
  /** What the next start reads from `.env`, with the names Probot's registration page used. */
  credentials: {
    APP_ID: string;
    PRIVATE_KEY: string;
    WEBHOOK_SECRET: string | undefined;
    GITHUB_CLIENT_ID: string | undefined;
    GITHUB_CLIENT_SECRET: string | undefined;
  };
}

/** A conversion GitHub answered with something that is not a new App's credentials. */
export class ManifestConversionError extends Error {
  override name = 'ManifestConversionError';
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Turns the code into the App's credentials (`POST /app-manifests/{code}/conversions`). A code
 * works once, so the request is never retried. Throws GitHub's error, or ManifestConversionError.
 */
export async function convertManifestCode(client: GitHubClient, code: string): Promise<RegisteredApp> {
  const { data } = await client.request('POST /app-manifests/{code}/conversions', { code, ...NO_RETRY });
  const answer = data as Record<string, unknown>;
  const { id, pem, html_url: htmlUrl, owner } = answer;
  if (typeof id !== 'number' || typeof pem !== 'string' || typeof htmlUrl !== 'string')
    throw new ManifestConversionError(
      'GitHub answered without the App ID, private key or address of the App',
    );
  // The address becomes a link: only a web address may.
  if (!/^https?:\/\//.test(htmlUrl))
    throw new ManifestConversionError('GitHub answered with an App address that is not a web address');
  const ownerRecord = typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>) : {};
  return {
    id,
    name: optionalString(answer.name) ?? optionalString(answer.slug) ?? String(id),
    slug: optionalString(answer.slug),
    htmlUrl,
    owner:
      typeof ownerRecord.login === 'string'
        ? { login: ownerRecord.login, isOrganization: ownerRecord.type === 'Organization' }
        : undefined,
    credentials: {
      APP_ID: String(id),
      PRIVATE_KEY: pem,
      WEBHOOK_SECRET: optionalString(answer.webhook_secret),
      GITHUB_CLIENT_ID: optionalString(answer.client_id),
      GITHUB_CLIENT_SECRET: optionalString(answer.client_secret),
    },
  };
}
