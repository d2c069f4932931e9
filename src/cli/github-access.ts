// How the CLI reaches GitHub: the token from the environment (GITHUB_TOKEN, else GH_TOKEN, as gh
// and Actions runners set them) and the API of GitHub or of an Enterprise Server (GITHUB_API_URL).
import type { Io } from './command.ts';

/** The token the environment gives, or undefined when neither variable holds one. */
export function readToken(env: Io['env']): string | undefined {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  return token === undefined || token === '' ? undefined : token;
}

/** Where the API is: GitHub, or the Enterprise Server named by GITHUB_API_URL (as on Actions runners). */
export function readApiUrls(env: Io['env']): { baseUrl?: string; graphqlUrl?: string } {
  const baseUrl = env.GITHUB_API_URL?.replace(/\/+$/, '');
  if (baseUrl === undefined || baseUrl === '' || baseUrl === 'https://api.github.com') return {};
  const graphqlUrl = env.GITHUB_GRAPHQL_URL || baseUrl.replace(/\/api\/v3$/, '/api/graphql');
  return { baseUrl, graphqlUrl: graphqlUrl === baseUrl ? `${baseUrl}/graphql` : graphqlUrl };
}

/** `OWNER/NAME`, or undefined when the text is not one. */
export function parseRepositoryName(value: string): { owner: string; repo: string } | undefined {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  return match?.[1] === undefined || match[2] === undefined ? undefined : { owner: match[1], repo: match[2] };
}
