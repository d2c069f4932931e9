import { describe, expect, it } from 'vitest';
import {
  type CheckRunVeto,
  type GateCheckRun,
  parseCheckRunState,
  renderCheckRunState,
  summarizeGateCheckRuns,
} from '../../src/github/load-gate-check-runs.ts';
import { users } from '../support/github-fixtures.ts';

const veto = (statementId: string, issue?: number): CheckRunVeto => ({
  source: 'comment',
  statementId,
  author: users.alice,
  reason: 'not during the sale',
  at: '2026-11-20T10:04:00Z',
  ...(issue === undefined ? {} : { issue }),
});

function aRun(id: number, vetoes: CheckRunVeto[]): GateCheckRun {
  return {
    id,
    externalId: `run-${id}`,
    status: 'completed',
    conclusion: 'failure',
    startedAt: '2026-11-20T10:05:00Z',
    title: 'Rejected',
    summary: '',
    text: renderCheckRunState({ reviewersRequested: false, vetoes }),
    url: '',
  };
}

describe('the vetoes a gate’s check run records', () => {
  it('are read back as written, with the approval issue they were made on', () => {
    const vetoes = [veto('11'), veto('12', 3)];
    const text = renderCheckRunState({ reviewersRequested: false, vetoes });
    expect(text).toBe(
      '<!-- gatehouse:vetoes [{"source":"comment","statementId":"11","author":{"id":1,"login":"alice","type":"User"},"reason":"not during the sale","at":"2026-11-20T10:04:00Z"},{"source":"comment","statementId":"12","author":{"id":1,"login":"alice","type":"User"},"reason":"not during the sale","at":"2026-11-20T10:04:00Z","issue":3}] -->',
    );
    expect(parseCheckRunState(text).vetoes).toEqual(vetoes);
  });

  it('are read by one gate only: a pull request’s without an issue, an approval issue’s by its number', () => {
    const runs = [aRun(1, [veto('11')]), aRun(2, [veto('12', 3)]), aRun(3, [veto('13', 4)])];
    expect(summarizeGateCheckRuns(runs).vetoes.map((entry) => entry.statementId)).toEqual(['11']);
    expect(summarizeGateCheckRuns(runs, { issue: 3 }).vetoes.map((entry) => entry.statementId)).toEqual([
      '12',
    ]);
    expect(summarizeGateCheckRuns(runs, { issue: 5 }).vetoes).toEqual([]);
  });

  it('are not read when the issue is no positive number', () => {
    const text = renderCheckRunState({ reviewersRequested: false, vetoes: [veto('12', 3)] }).replace(
      '"issue":3',
      '"issue":"3"',
    );
    expect(parseCheckRunState(text).vetoes).toEqual([]);
  });
});

describe('the mark of a decision’s own run', () => {
  it('is read back as written, and absent from a run that decided nothing', () => {
    const marked = renderCheckRunState({ reviewersRequested: true, decision: true });
    expect(marked).toBe('<!-- gatehouse:reviewers-requested -->\n<!-- gatehouse:decision -->');
    expect(parseCheckRunState(marked).decision).toBe(true);
    expect(parseCheckRunState(renderCheckRunState({ reviewersRequested: true }))).not.toHaveProperty(
      'decision',
    );
  });
});
