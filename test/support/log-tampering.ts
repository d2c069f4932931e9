// The ways a writer of the repository tampers with a decision log (issue 12), shared by the App's
// and the Action's end-to-end audits: each is the log branch's new files and the findings
// `gatehouse audit --strict` must report for it.
import { expect } from 'vitest';
import { createDecisionId } from '../../src/core/decision-id.ts';
import {
  createDecisionRecordPath,
  parseDecisionRecord,
  renderDecisionRecord,
} from '../../src/core/decision-record.ts';

export interface LoggedRecord {
  path: string;
  text: string;
}

export interface Tampering {
  tampering: string;
  /** The files the log branch holds after it. */
  change: () => Record<string, string>;
  found: { code: string; path: () => string }[];
}

/** `record` with `from` replaced, among the branch's `files`. */
function edit(
  files: Record<string, string>,
  record: LoggedRecord,
  from: RegExp,
  to: string | ((match: string, ...groups: string[]) => string),
): Record<string, string> {
  const text = typeof to === 'string' ? record.text.replace(from, to) : record.text.replace(from, to);
  expect(text).not.toBe(record.text);
  return { ...files, [record.path]: text };
}

/**
 * Edits and a deletion of the two records a test wrote (an approval by alice and a rejection),
 * read lazily: the records are known only once the test's set-up has run.
 */
export function createTamperings(log: {
  files: () => Record<string, string>;
  approved: () => LoggedRecord;
  rejected: () => LoggedRecord;
}): Tampering[] {
  const { files, approved, rejected } = log;
  return [
    {
      tampering: 'an approver rewritten',
      change: () => edit(files(), approved(), /login: alice/, 'login: bob'),
      found: [
        { code: 'digest_mismatch', path: () => approved().path },
        { code: 'rewritten', path: () => approved().path },
      ],
    },
    {
      tampering: 'a decision flipped',
      change: () => edit(files(), rejected(), /\ndecision: rejected\n/, '\ndecision: approved\n'),
      found: [
        { code: 'digest_mismatch', path: () => rejected().path },
        { code: 'id_mismatch', path: () => rejected().path },
        { code: 'rewritten', path: () => rejected().path },
      ],
    },
    {
      tampering: 'the decision time moved',
      // Another minute than the one decided in (a decision at :59 must move too).
      change: () =>
        edit(
          files(),
          approved(),
          /(decided_at: "?\d{4}-\d\d-\d\dT\d\d:)(\d\d)/,
          (_all, head: string, minute: string) => `${head}${minute === '59' ? '07' : '59'}`,
        ),
      found: [
        { code: 'digest_mismatch', path: () => approved().path },
        { code: 'rewritten', path: () => approved().path },
      ],
    },
    {
      tampering: 'a record deleted',
      change: () => {
        const { [rejected().path]: _gone, ...rest } = files();
        return rest;
      },
      found: [{ code: 'rewritten', path: () => rejected().path }],
    },
  ];
}

/** The rejection turned into an approval by hand, its id recomputed by the public algorithm. */
export function forgeApproval(rejected: LoggedRecord): LoggedRecord {
  const parsed = parseDecisionRecord(rejected.text);
  if ('error' in parsed) throw new Error(parsed.error);
  const forged = { ...parsed.record, decision: 'approved' as const, approvers: [] };
  forged.id = createDecisionId({
    repository: forged.repository,
    gate: forged.gate.check,
    sha: forged.subject.sha,
    requestHash: forged.request.hash,
    decision: forged.decision,
  });
  return { path: createDecisionRecordPath(forged, 'decisions'), text: renderDecisionRecord(forged) };
}
