// The API budget is the scarce resource: orchestrations report how many requests a run made.
import type { GitHubClient } from './client.ts';

/** Counts the requests made through the client while `run` runs (each page counts; plugin retries do not). */
export async function countRequests<T>(
  github: GitHubClient,
  run: () => Promise<T>,
): Promise<{ value: T; requests: number }> {
  let requests = 0;
  const count = () => {
    requests++;
  };
  github.hook.before('request', count);
  try {
    const value = await run();
    return { value, requests };
  } finally {
    github.hook.remove('request', count);
  }
}
