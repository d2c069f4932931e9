// Ids that make every side effect idempotent (DESIGN §4): the request hash (the dedupe key of a
// request) and the decision id (check-run `external_id`, log file name, commit trailer).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Request } from './model.ts';
import type { Decision } from './registry.ts';

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth and `undefined` members
 * left out, so equal data always gives equal text whatever order it was built in.
 */
export function renderCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`not JSON: ${value}`);
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
      throw new TypeError(`not JSON: a ${typeof value}`);
    }
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : renderCanonicalJson(item))).join(',')}]`;
  }
  const members = Object.entries(value)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, member]) => `${JSON.stringify(key)}:${renderCanonicalJson(member)}`);
  return `{${members.join(',')}}`;
}

function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * The hash of what an approver is asked to approve: the gate, repository and commit, the kind,
 * the request's texts (not where they came from), its options and the declared risk. The changed
 * files, labels and the requester are not part of it: they decide *whether* to ask, not *what*.
 * Repository and SHA are compared case-insensitively, as GitHub does.
 */
export function hashRequest(request: Request): string {
  return sha256Hex(
    renderCanonicalJson({
      gate: { kind: request.gate.kind, environment: request.gate.environment, into: request.gate.into },
      repository: request.repository.toLowerCase(),
      subject: { sha: request.subject.sha.toLowerCase() },
      kind: request.kind,
      action: request.action?.text,
      context: request.context?.text,
      riskAssessment: request.riskAssessment?.text,
      rollbackPlan: request.rollbackPlan?.text,
      recommendation: request.recommendation?.text,
      options: request.options.map(({ key, name, description }) => ({ key, name, description })),
      declaredRisk: request.declaredRisk,
    }),
  );
}

/** The id of one decision on one gate: 24 hex characters of a SHA-256 over its inputs. */
export function createDecisionId(input: {
  repository: string;
  /** The check name, e.g. `gatehouse: production`. */
  gate: string;
  sha: string;
  requestHash: string;
  decision: Decision;
}): string {
  // renderCanonicalJson of these five strings, written out in its key order: an audit recomputes
  // the id of every record, and this is the same text without sorting and recursing.
  const q = JSON.stringify;
  return sha256Hex(
    `{"decision":${q(input.decision)},"gate":${q(input.gate)},"repository":${q(input.repository.toLowerCase())},"requestHash":${q(input.requestHash)},"sha":${q(input.sha.toLowerCase())}}`,
  ).slice(0, 24);
}

const MARKER_PATTERN = /<!-- gatehouse:request ([0-9a-f]{64}) -->/g;

/** The hidden marker that ends the sticky comment and names the request it shows. */
export function createRequestMarker(requestHash: string): string {
  if (!/^[0-9a-f]{64}$/.test(requestHash)) {
    throw new TypeError(`a request hash is 64 lower-case hex characters, got ${JSON.stringify(requestHash)}`);
  }
  return `<!-- gatehouse:request ${requestHash} -->`;
}

/**
 * Every request marker in a text, in order. A comment Gatehouse wrote holds exactly one; callers
 * still trust a marker only in a comment by Gatehouse's own bot that nobody edited (L5).
 */
export function parseRequestMarkers(text: string): string[] {
  return Array.from(text.matchAll(MARKER_PATTERN), (match) => match[1] ?? '');
}
