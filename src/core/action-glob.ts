// Globs of `actions:` entries (DESIGN §10), on the bounded matcher of glob.ts. Tool names, paths
// and URLs are matched as paths are (`*` stops at `/`, `**` crosses folders). A command glob reads
// `*` as anything at all, spaces and `/` included (`psql *` matches `psql -f /tmp/x.sql`): both the
// glob and the command have their `/` replaced by a private-use character the matcher does not
// treat as a separator, so the cost stays (characters) × (states) whatever the pattern.
import { type Glob, type MatchMeter, matchGlob, parseGlob } from './glob.ts';

/** Stands for `/` in command globs and command text; a real one in a command is replaced too. */
const SLASH_STAND_IN = '\uE000';
const STAND_IN_STAND_IN = '\uE001';

function commandForm(text: string): string {
  return text.replaceAll(SLASH_STAND_IN, STAND_IN_STAND_IN).replaceAll('/', SLASH_STAND_IN);
}

export interface ActionGlob {
  glob: Glob;
  command: boolean;
}

export function compileActionGlob(
  source: string,
  command: boolean,
): { glob: ActionGlob; problem?: undefined } | { glob?: undefined; problem: string } {
  const parsed = parseGlob(command ? commandForm(source) : source);
  return parsed.ok ? { glob: { glob: parsed.glob, command } } : { problem: parsed.problem };
}

export function matchActionGlob(glob: ActionGlob, text: string, meter?: MatchMeter): boolean {
  return matchGlob(glob.glob, glob.command ? commandForm(text) : text, meter);
}
