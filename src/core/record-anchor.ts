// The anchor of a decision record (DESIGN §11, issue 12): the SHA-256 of the record file's exact
// bytes, its path and the log commit that holds it, written as the first line of the decision's
// check-run text. Only the app that created a run can change it, so in the App the anchor binds
// the record to something a writer of the log branch cannot touch: any later edit of the file
// changes its digest. The line is plain Markdown so a person reading the run sees it too; it is
// read back only from the first line of the text, where no requester's or approver's words are
// ever written, and only in the one strict shape below.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export interface RecordAnchor {
  /** The record's path on the log branch: `decisions/2026/03/<id>.md`. */
  path: string;
  /** SHA-256 of the file's bytes (UTF-8), lower-case hex. */
  sha256: string;
  /** A log commit whose tree holds the file with these bytes: the one that wrote it, or a later one. */
  commit: string;
}

/** The digest of a record file's text, as the anchor holds it. */
export function createRecordDigest(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

const PATH = /^[A-Za-z0-9._\-/]{1,300}$/;
const ANCHOR =
  /^Decision record: `([A-Za-z0-9._\-/]{1,300})`, SHA-256 `([0-9a-f]{64})`, log commit `([0-9a-f]{40}(?:[0-9a-f]{24})?)`$/;

/** The anchor line; undefined when the path has characters the strict shape does not allow. */
export function renderRecordAnchor(anchor: RecordAnchor): string | undefined {
  if (!PATH.test(anchor.path)) return undefined;
  return `Decision record: \`${anchor.path}\`, SHA-256 \`${anchor.sha256}\`, log commit \`${anchor.commit}\``;
}

/** The anchor a check run's text carries on its first line, if any. */
export function parseRecordAnchor(text: string | null | undefined): RecordAnchor | undefined {
  if (text === null || text === undefined) return undefined;
  const end = text.indexOf('\n');
  const match = ANCHOR.exec(end === -1 ? text : text.slice(0, end));
  if (match === null) return undefined;
  const [, path = '', digest = '', commit = ''] = match;
  return { path, sha256: digest, commit };
}

/** The run's text with the anchor as its first line (the text as it was, when there is none). */
export function prependRecordAnchor(text: string, anchor: RecordAnchor | undefined): string {
  const line = anchor === undefined ? undefined : renderRecordAnchor(anchor);
  if (line === undefined) return text;
  return text === '' ? line : `${line}\n\n${text}`;
}
