// Provenance of the log (issue 12, API mode): each record against the anchor Gatehouse put in its
// check run (the digest of the file's exact bytes), each anchor against the log, and the commits
// of the log branch GitHub does not vouch for as Gatehouse's. A record Gatehouse wrote has an
// anchor with its digest and was added by a verified commit of the App's bot; anything else was
// edited, added, removed or moved by someone else.
import { createRecordDigest } from '../record-anchor.ts';
import type {
  AuditEntry,
  AuditFinding,
  AuditFindingCode,
  ForeignLogCommit,
  LogHistoryEvidence,
  ProvenanceEvidence,
} from './audit-report.ts';
import type { ReadRecord } from './evaluate-integrity.ts';

function finding(
  code: AuditFindingCode,
  path: string | null,
  id: string | null,
  checkRunId: number | null,
  message: string,
): AuditFinding {
  return { code, path, id, checkRunId, message };
}

/**
 * `entries` are the files read; `records` the readable ones (malformed files are findings
 * already); `folder` the log path, whose files alone are records.
 */
export function evaluateProvenance(
  entries: readonly AuditEntry[],
  records: readonly ReadRecord[],
  evidence: ProvenanceEvidence,
  folder: string,
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const texts = new Map(entries.map((entry) => [entry.path, entry.text]));
  const anchorsByPath = new Map<string, ProvenanceEvidence['anchors']>();
  for (const anchor of evidence.anchors) {
    const list = anchorsByPath.get(anchor.path) ?? [];
    list.push(anchor);
    anchorsByPath.set(anchor.path, list);
  }

  for (const { record, path } of records) {
    const anchors = anchorsByPath.get(path) ?? [];
    if (anchors.length === 0) {
      findings.push(
        finding(
          'unanchored',
          path,
          record.id,
          null,
          `no check run of ${evidence.app} on ${record.subject.sha.slice(0, 12)} anchors this file: Gatehouse did not write it here (added by hand, copied, or moved)`,
        ),
      );
      continue;
    }
    // Digests of public record bytes, so no secret to compare in constant time: a set lookup.
    const anchored = new Set(anchors.map((anchor) => anchor.sha256));
    const digest = createRecordDigest(texts.get(path) ?? '');
    if (anchored.has(digest)) continue;
    const [first] = anchors;
    findings.push(
      finding(
        'digest_mismatch',
        path,
        record.id,
        first?.checkRunId ?? null,
        `the file's SHA-256 is ${digest.slice(0, 16)}…, but check run ${first?.checkRunId} anchored ${first?.sha256.slice(0, 16)}… (log commit ${first?.commit.slice(0, 12)}): the record was changed after Gatehouse wrote it`,
      ),
    );
  }

  const seen = new Set<string>();
  for (const anchor of [...evidence.anchors].sort((a, b) => a.checkRunId - b.checkRunId)) {
    if (texts.has(anchor.path) || seen.has(anchor.path)) continue;
    seen.add(anchor.path);
    findings.push(
      finding(
        'anchor_without_record',
        anchor.path,
        anchor.externalId,
        anchor.checkRunId,
        `check run ${anchor.checkRunId} on ${anchor.headSha.slice(0, 12)} anchored this record (log commit ${anchor.commit.slice(0, 12)}), but the log has no such file: it was deleted or moved`,
      ),
    );
  }

  for (const commit of evidence.foreignCommits) findings.push(...evaluateForeignCommit(commit, folder));
  return findings;
}

function isWithin(file: ForeignLogCommit['files'][number], folder: string): boolean {
  const within = folder === '' ? '' : `${folder}/`;
  return file.path.startsWith(within) || file.previousPath?.startsWith(within) === true;
}

function describeChange(status: string): string {
  return status === 'removed' ? 'deleted' : status === 'renamed' ? 'moved' : 'changed';
}

function changedPath(file: ForeignLogCommit['files'][number]): string {
  return file.status === 'renamed' && file.previousPath !== undefined ? file.previousPath : file.path;
}

/** A commit that is not Gatehouse's: every record it adds is unverified, every other change a rewrite. */
export function evaluateForeignCommit(commit: ForeignLogCommit, folder: string): AuditFinding[] {
  const short = commit.sha.slice(0, 12);
  return commit.files
    .filter((file) => isWithin(file, folder))
    .map((file) =>
      file.status === 'added' || file.status === 'copied'
        ? finding(
            'unverified_commit',
            file.path,
            null,
            null,
            `added by log commit ${short}, which is not Gatehouse's: ${commit.problem}`,
          )
        : finding(
            'rewritten',
            changedPath(file),
            null,
            null,
            `${describeChange(file.status)} by log commit ${short}, which is not Gatehouse's (${commit.problem}): a record is never changed after it is written`,
          ),
    );
}

/**
 * Offline (`--git`): the log's whole history. Gatehouse's writer only ever adds one record per
 * commit, so any commit that changes, deletes or moves a record, or adds more than one, rewrote
 * the log. With a trusted key, a commit not signed by it is judged as a foreign one.
 */
export function evaluateLogHistory(history: LogHistoryEvidence, folder: string): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const commit of history.commits) {
    if (commit.problem !== undefined) {
      findings.push(...evaluateForeignCommit({ ...commit, problem: commit.problem }, folder));
      continue;
    }
    const short = commit.sha.slice(0, 12);
    const touched = commit.files.filter((file) => isWithin(file, folder));
    const added = touched.filter((file) => file.status === 'added' || file.status === 'copied');
    for (const file of touched) {
      if (added.includes(file)) continue;
      findings.push(
        finding(
          'rewritten',
          changedPath(file),
          null,
          null,
          `${describeChange(file.status)} by log commit ${short}: a record is never changed after it is written`,
        ),
      );
    }
    if (added.length > 1)
      for (const file of added.slice(1))
        findings.push(
          finding(
            'rewritten',
            file.path,
            null,
            null,
            `added by log commit ${short} together with ${added.length - 1} other file(s): Gatehouse adds one record per commit`,
          ),
        );
  }
  return findings;
}
