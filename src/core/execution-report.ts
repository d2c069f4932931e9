// The mark an agent leaves on its approval issue after an approved call ran (issue 12): a hidden
// `<!-- gatehouse:execution {...} -->` line in its comment, which the App copies into an execution
// record. The mark says only how the call ended and when; who wrote it is GitHub's to say (the
// App counts it only from the requester), and a mark in anyone else's comment is ignored.
import { z } from 'zod';
import { parseCommentJson, renderCommentJson } from './escape.ts';
import { REQUEST_OUTCOMES, type RequestOutcome } from './execution-record.ts';

export interface ExecutionMark {
  status: RequestOutcome;
  startedAt?: string;
  completedAt: string;
}

const MARK = /<!-- gatehouse:execution (\{[^\n]*?\}) -->/;
const time = z.iso.datetime({ offset: true });
const markSchema = z.strictObject({
  status: z.enum(REQUEST_OUTCOMES),
  startedAt: time.exactOptional(),
  completedAt: time,
});

/** The hidden line: JSON with `<`, `>` and `&` escaped, so no value can end the comment early. */
export function renderExecutionMark(mark: ExecutionMark): string {
  const json = renderCommentJson({
    status: mark.status,
    ...(mark.startedAt === undefined ? {} : { startedAt: mark.startedAt }),
    completedAt: mark.completedAt,
  });
  return `<!-- gatehouse:execution ${json} -->`;
}

/** Whether a comment body carries a mark at all (a routing hint: the mark is read from the API). */
export function hasExecutionMark(body: string): boolean {
  return body.includes('<!-- gatehouse:execution ');
}

/** The mark in a comment's body, when it holds a well-formed one. */
export function parseExecutionMark(body: string): ExecutionMark | undefined {
  return parseCommentJson(body, MARK, markSchema);
}
