// Globs of `actions:` entries (DESIGN §10), on the bounded matcher of glob.ts. Tool names, paths
// and URLs are matched as paths are (`*` stops at `/`, `**` crosses folders). A command glob reads
// `*` as anything at all, spaces and `/` included (`psql *` matches `psql -f /tmp/x.sql`): both the
// glob and the command have their `/` replaced by a private-use character the matcher does not
// treat as a separator, so the cost stays (characters) × (states) whatever the pattern.
//
// The hook classifies one call per process, against every glob of the policy: a command glob is
// compiled only once a command starts with its literal head (`npm publish` of `npm publish*`), so
// a call pays for the few globs that could match it, not for all of them.
import { type Glob, type MatchMeter, matchGlob, parseGlob } from './glob.ts';

/** Stands for `/` in command globs and command text; a real one in a command is replaced too. */
const SLASH_STAND_IN = '\uE000';
const STAND_IN_STAND_IN = '\uE001';
/** Characters that may start glob syntax: the literal head of a glob stops before the first. */
const GLOB_SYNTAX = /[*?[\]{}()|,\\!@+]/;

function commandForm(text: string): string {
  return text.replaceAll(SLASH_STAND_IN, STAND_IN_STAND_IN).replaceAll('/', SLASH_STAND_IN);
}

export interface ActionGlob {
  readonly source: string;
  readonly command: boolean;
  /** What every text the glob matches starts with (command globs; `''` for the others). */
  readonly head: string;
  compiled?: Glob;
}

/** Why the glob is refused, or undefined when it is a glob (the policy check). */
export function checkActionGlob(source: string, command: boolean): string | undefined {
  const parsed = parseGlob(command ? commandForm(source) : source);
  return parsed.ok ? undefined : parsed.problem;
}

/**
 * A glob to match with, compiled on first use. One the policy check refused (reachable only by
 * skipping the check) matches everything: it can only ask for more.
 */
export function createActionGlob(source: string, command: boolean): ActionGlob {
  if (!command) return { source, command, head: '' };
  const form = commandForm(source);
  const syntax = form.search(GLOB_SYNTAX);
  return { source, command, head: syntax === -1 ? form : form.slice(0, syntax) };
}

export function matchActionGlob(glob: ActionGlob, text: string, meter?: MatchMeter): boolean {
  const form = glob.command ? commandForm(text) : text;
  if (!form.startsWith(glob.head)) return false;
  glob.compiled ??= compile(glob);
  return matchGlob(glob.compiled, form, meter);
}

function compile(glob: ActionGlob): Glob {
  const parsed = parseGlob(glob.command ? commandForm(glob.source) : glob.source);
  if (parsed.ok) return parsed.glob;
  const everything = parseGlob('**');
  if (!everything.ok) throw new Error('unreachable: "**" is a glob');
  return everything.glob;
}
