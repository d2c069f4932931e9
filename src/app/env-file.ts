// Where the registration page puts the new App's credentials: a `.env` file next to the server,
// readable by its owner only, which `npm start` loads on the next start.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * A value as the env file holds it: plain when it is one safe word, else double-quoted with newlines
 * as `\n` (which Node's `--env-file` turns back into newlines). Probot hands over the private key
 * already wrapped in quotes; those are not part of the value.
 */
function formatValue(value: string): string {
  const bare = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  if (/^[\w./:@+=-]*$/.test(bare)) return bare;
  if (bare.includes('"')) throw new Error('a value with a double quote cannot be written to the env file');
  return `"${bare.replace(/\r?\n/g, '\\n')}"`;
}

/** Merges `values` into the env file at `path`; undefined values are left out. */
export function saveEnvFile(path: string, values: Record<string, string | undefined>): void {
  let current: Record<string, string | undefined> = {};
  try {
    current = parseEnv(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const merged: Record<string, string | undefined> = { ...current, ...values };
  const lines = Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
