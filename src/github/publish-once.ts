// Writes that create something, made at most once (R3). They are never retried blindly: when
// GitHub applied the write and the answer was lost (a 502, a dropped connection), a blind retry
// creates a second issue, comment or check run. After such a failure, what the write would have
// created is looked up first, and posted again only when it is not there, as many times as the
// client retries any other request.
import { RETRIES } from './client.ts';
import { isTransient } from './request-error.ts';

export async function publishOnce<T>(
  post: () => Promise<T>,
  find: () => Promise<T | undefined>,
  attempts = RETRIES + 1,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post();
    } catch (error) {
      if (!isTransient(error) || attempt >= attempts) throw error;
      const found = await find();
      if (found !== undefined) return found;
    }
  }
}
