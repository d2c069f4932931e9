// What GitHub says of a commit made through its Git Data API (POST /git/commits): who it is by
// and whether it verified a signature. GitHub's "signature verification for bots": a commit made
// by an App's installation (or a workflow's token) with no author, committer or signature of its
// own is signed by GitHub for the bot: author the bot, committer GitHub's `web-flow` account,
// `verified: true`, reason `valid`. With custom author or committer information it is not signed:
// the accounts are the ones the e-mail addresses belong to, and it reads `unsigned`; a signature
// the caller brings is checked against keys this simulator does not hold (`unknown_key`).
import type { Actor } from '../../src/core/model.ts';
import { WEB_FLOW } from '../support/github-fixtures.ts';

type Json = Record<string, unknown>;

export interface CommitIdentity {
  author: Actor | null;
  committer: Actor | null;
  verification: { verified: boolean; reason: string };
}

/** GitHub's no-reply address of an account, which GitHub attributes back to it. */
export function noReplyEmail(actor: Actor): string {
  return `${actor.id}+${actor.login}@users.noreply.github.com`;
}

/** The account an e-mail address belongs to, among `known`: by its no-reply address. */
function accountOf(email: unknown, known: Record<string, Actor>): Actor | null {
  if (typeof email !== 'string') return null;
  return Object.values(known).find((actor) => noReplyEmail(actor) === email) ?? null;
}

/** GitHub's account of a commit `caller` created with `body` (message, tree, parents, author?, committer?, signature?). */
export function verifyApiCommit(caller: Actor, body: Json, known: Record<string, Actor>): CommitIdentity {
  const author = body.author as Json | undefined;
  const committer = body.committer as Json | undefined;
  if (author === undefined && committer === undefined && body.signature === undefined)
    return { author: caller, committer: WEB_FLOW, verification: { verified: true, reason: 'valid' } };
  const by = author === undefined ? caller : accountOf(author.email, known);
  return {
    author: by,
    committer: committer === undefined ? by : accountOf(committer.email, known),
    verification: { verified: false, reason: body.signature === undefined ? 'unsigned' : 'unknown_key' },
  };
}

/** A commit pushed with git (not made by GitHub): unsigned, by whoever its e-mail addresses name. */
export function pushedCommit(author: Actor, committer: Actor = author): CommitIdentity {
  return { author, committer, verification: { verified: false, reason: 'unsigned' } };
}
