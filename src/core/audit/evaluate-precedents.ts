// First-time or routine, as the risk evaluation computes precedent (src/core/risk.ts): a decision
// is routine when every rule it matched and its kind had passed before in the same repository for
// the same target branch, not counting earlier decisions on the same pull request; first-time
// otherwise, and always for a record without a target branch. Computed over the whole log read,
// whatever the filters, since precedent is a fact about the moment of the decision.
import type { DecisionRecord } from '../decision-record.ts';
import { PASSING_DECISIONS } from '../registry.ts';
import type { Precedent } from './audit-report.ts';

interface Approvals {
  /** Passed at least once without a pull request. */
  outsidePullRequests: boolean;
  pullRequests: Set<number>;
}

/** What a record is precedent for; a record without a target branch is precedent for nothing. */
function subjectsOf(record: DecisionRecord): string[] {
  const target = record.subject.target_branch;
  // JSON keeps every part whole, whatever characters a rule, kind or branch holds.
  const key = (type: string, name: string) =>
    JSON.stringify([record.repository.toLowerCase(), target ?? null, type, name]);
  const subjects = record.rules.map((rule) => key('rule', rule));
  if (record.request.kind !== undefined) subjects.push(key('kind', record.request.kind));
  return subjects;
}

function approvedBefore(approvals: Approvals | undefined, pullRequest: number | undefined): boolean {
  if (approvals === undefined) return false;
  if (approvals.outsidePullRequests || pullRequest === undefined) return true;
  return approvals.pullRequests.size > 1 || !approvals.pullRequests.has(pullRequest);
}

/** The precedent of each record; null for one with neither rules nor kind. */
export function evaluatePrecedents(
  records: readonly DecisionRecord[],
): Map<DecisionRecord, Precedent | null> {
  const timed = records.map((record) => ({ record, at: Date.parse(record.times.decided_at) }));
  timed.sort((a, b) => a.at - b.at || (a.record.id < b.record.id ? -1 : 1));
  const approvals = new Map<string, Approvals>();
  const precedents = new Map<DecisionRecord, Precedent | null>();
  let index = 0;
  while (index < timed.length) {
    // Decisions at the same moment are no precedent for each other.
    const at = timed[index]?.at;
    let end = index;
    while (end < timed.length && timed[end]?.at === at) end++;
    // Each record's subjects, worked out once for both passes below.
    const batch = timed.slice(index, end).map(({ record }) => ({ record, subjects: subjectsOf(record) }));
    for (const { record, subjects } of batch) {
      const pullRequest = record.subject.pull_request;
      precedents.set(
        record,
        subjects.length === 0
          ? null
          : subjects.every((subject) => approvedBefore(approvals.get(subject), pullRequest))
            ? 'routine'
            : 'first_time',
      );
    }
    for (const { record, subjects } of batch) {
      if (!PASSING_DECISIONS.includes(record.decision) || record.subject.target_branch === undefined)
        continue;
      for (const subject of subjects) {
        let entry = approvals.get(subject);
        if (entry === undefined) {
          entry = { outsidePullRequests: false, pullRequests: new Set() };
          approvals.set(subject, entry);
        }
        if (record.subject.pull_request === undefined) entry.outsidePullRequests = true;
        else entry.pullRequests.add(record.subject.pull_request);
      }
    }
    index = end;
  }
  return precedents;
}
