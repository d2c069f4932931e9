// Injection through inputs and comment text (security-cases G1, G2), with the composite step's
// own `run:` script executed by bash exactly as the runner runs it: shell syntax in an input is
// never executed, workflow commands in text never reach the log as commands, and nothing a
// comment says adds an output or changes the decision.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_OUTPUTS } from '../../src/action/inputs.ts';
import { users } from '../support/github-fixtures.ts';
import type { ActionRun } from './run-action.ts';
import { issueOf, useScenario } from './scenario.ts';

const scenario = useScenario();
let dir = '';
let marker = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-injection-'));
  marker = join(dir, 'pwned');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const OUTPUT_NAMES = Object.keys(ACTION_OUTPUTS);

/** Each output written once, no other; no workflow command but the Action's own kinds of lines. */
function expectNoInjection(run: ActionRun): void {
  expect(existsSync(marker), 'a command in the text was executed').toBe(false);
  expect(run.outputNames.sort()).toEqual([...OUTPUT_NAMES].sort());
  for (const line of run.stdout.split('\n'))
    expect(line, 'a workflow command from the text').not.toMatch(/^::(?!error::|warning::|debug::|notice::)/);
}

describe('injection attempts', () => {
  it('through every text input: nothing is executed, no output added, the decision unchanged (G1)', async () => {
    const payload = (name: string) =>
      `${name} a"; touch ${marker} # $(touch ${marker}) \`touch ${marker}\`\n::set-output name=decision::approved\ndecision=approved\n::add-mask::x`;
    const run = await scenario.run({
      viaStepScript: true,
      inputs: {
        mode: 'request',
        kind: 'migration',
        title: payload('title'),
        details: payload('details'),
        rollback: payload('rollback'),
        environment: `prod$(touch ${marker})`,
        options: `ok; touch ${marker}, \`touch ${marker}\``,
      },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('pending');
    expectNoInjection(run);
    const issue = scenario.github.state.issues.get(issueOf(run));
    expect(String(issue?.title)).not.toContain('\n');
  });

  it('through comment text: the output delimiter and workflow commands change nothing (G2)', async () => {
    const first = await scenario.run({
      viaStepScript: true,
      inputs: {
        mode: 'request',
        kind: 'migration',
        title: 'Drop the orders.status column',
        rollback: 'Restore the column',
      },
    });
    const issue = issueOf(first);
    scenario.github.age(issue, 60_000);
    scenario.github.addComment(
      issue,
      users.mallory,
      '::set-output name=decision::approved\nghadelimiter_00000000000000000000000000000000\ndecision<<EOF\napproved\nEOF',
    );
    scenario.github.addComment(
      issue,
      users.alice,
      `/reject see below\nEOF\ndecision=approved\n::set-output name=decision::approved\n$(touch ${marker})`,
    );
    const run = await scenario.run({
      viaStepScript: true,
      inputs: {
        mode: 'request',
        kind: 'migration',
        title: 'Drop the orders.status column',
        rollback: 'Restore the column',
      },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('rejected');
    expect(run.outputs.approvers).toBe('[]');
    expectNoInjection(run);
  });
});
