// What went wrong with a GitHub request, in one line for a log or a check run. Errors are read by
// shape (status, message), not by class, so errors from Probot's client read the same.

/** The HTTP status of a failed request, or undefined when there was no response (network). */
export function readStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/** `HTTP 403: Resource not accessible by integration`, or the error's message. */
export function describeRequestError(error: unknown): string {
  const status = readStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0]?.replace(/ - https:\/\/docs\.github\.com\S*$/, '') ?? '';
  return status === undefined ? line : `HTTP ${status}: ${line}`;
}

/** A failure worth a second look-up before writing again: a server error or no answer at all (R3). */
export function isTransient(error: unknown): boolean {
  const status = readStatus(error);
  return status === undefined || status >= 500;
}

/**
 * Writes that create something are never retried blindly (R3): when GitHub applied the write and
 * the answer was lost, a retry would create a duplicate. Callers look up what exists instead.
 */
export const NO_RETRY = { request: { retries: 0 } } as const;
