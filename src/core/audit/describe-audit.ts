// Words the Markdown and HTML reports share: durations, filters, counts, finding codes.
import { formatDuration } from '../duration.ts';
import type { AuditFilters, AuditFindingCode, AuditReport } from './audit-report.ts';

/** `4m5s`, `1h30m`, `-2m` (an approval given before Gatehouse asked); `–` for no value. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '–';
  return seconds < 0 ? `-${formatDuration(-seconds * 1000)}` : formatDuration(seconds * 1000);
}

/** `3 decisions`, `1 decision`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

/** The filters as `flag value` pairs, in the order the CLI documents them. Values are untrusted. */
export function listFilters(filters: AuditFilters): [string, string][] {
  return Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/** What each finding means, for the legend under the findings. */
export const FINDING_MEANINGS: Record<AuditFindingCode, string> = {
  malformed: 'a file on the log branch that is not a valid decision record; the other records still count',
  id_mismatch: 'the record no longer matches its id: it was edited after Gatehouse wrote it',
  path_mismatch: 'the record is not filed where its id and decision time put it: moved, renamed or re-dated',
  inconsistent: 'the record contradicts itself (its check name and environment disagree)',
  duplicate_id: 'two files claim the same decision; only one counts',
  check_run_without_record: 'a check run announced a decision the log does not have: a record is missing',
  record_without_check_run: 'a record for an audited commit that no check run announced',
  digest_mismatch: "the record's bytes differ from the digest its check run anchored: it was edited",
  unanchored: "no check run of Gatehouse's app anchors this record: it was not written by Gatehouse",
  anchor_without_record: 'a check run anchored a record the log no longer has: it was deleted or moved',
  unverified_commit: "a log commit GitHub did not verify as Gatehouse's bot wrote this record",
  rewritten: 'a log commit not made by Gatehouse changed, deleted or moved an existing record',
  merged_unapproved: 'a pull request was merged with a head the newest decision of its gate did not pass',
  deployed_unapproved: 'a deployment ran a commit the newest decision of its gate did not pass',
  ran_unapproved: 'an agent ran a request the newest decision of its gate did not pass',
};

/** The headline numbers of a report, for its first lines. */
export function summarizeReport(report: AuditReport): {
  decisions: string;
  findings: string;
  crossCheck: string;
} {
  const { totals, integrity } = report;
  const decided = Object.entries(totals.byDecision)
    .filter(([, n]) => n > 0)
    .map(([decision, n]) => `${n} ${decision.replace('_', ' ')}`);
  const decisions =
    totals.shown === totals.records
      ? `${count(totals.records, 'decision')}${decided.length > 0 ? `: ${decided.join(', ')}` : ''}`
      : `${count(totals.shown, 'decision')} of ${totals.records.toLocaleString('en-US')} match the filters${decided.length > 0 ? `: ${decided.join(', ')}` : ''}`;
  const findings =
    totals.findings === 0
      ? `no integrity findings over all ${count(integrity.files, 'file')} read, whatever the filters`
      : `${count(totals.findings, 'integrity finding')} over all ${count(integrity.files, 'file')} read, whatever the filters`;
  const crossCheck =
    integrity.crossCheck === null
      ? 'not compared with check runs (needs --repo with --ref or --pr)'
      : `compared with ${count(integrity.crossCheck.checkRuns, 'gatehouse check run')} on ${count(integrity.crossCheck.commits, 'commit')}`;
  return { decisions, findings, crossCheck };
}
