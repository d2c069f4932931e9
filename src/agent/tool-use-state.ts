// What a PreToolUse run leaves for the PostToolUse run of the same call: the approval issue whose
// execution to record, keyed by Claude Code's `tool_use_id` under the cache directory (0600).
// Read once and removed: an execution is recorded once.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ToolUseApproval } from './claude-code-hook.ts';

function toolUsePath(dir: string, toolUseId: string): string {
  // Hashed: the id comes from the hook's input and is never a path.
  return join(dir, 'tool-uses', `${createHash('sha256').update(toolUseId).digest('hex')}.json`);
}

export async function saveToolUse(dir: string, toolUseId: string, approval: ToolUseApproval): Promise<void> {
  await mkdir(join(dir, 'tool-uses'), { recursive: true, mode: 0o700 });
  await writeFile(toolUsePath(dir, toolUseId), JSON.stringify(approval), { mode: 0o600 });
}

export async function takeToolUse(dir: string, toolUseId: string): Promise<ToolUseApproval | undefined> {
  const path = toolUsePath(dir, toolUseId);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  } finally {
    await rm(path, { force: true });
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { repository, issueNumber } = value as Record<string, unknown>;
  if (typeof repository !== 'string' || typeof issueNumber !== 'number' || !Number.isInteger(issueNumber))
    return undefined;
  return { repository, issueNumber };
}
