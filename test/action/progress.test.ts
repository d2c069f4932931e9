// The progress line a waiting job prints after each look at the gate.
import { describe, expect, it } from 'vitest';
import { renderProgress } from '../../src/action/run.ts';

describe('the progress line of a wait', () => {
  it('says who approved, what is still missing and the time left', () => {
    expect(
      renderProgress(
        { state: 'pending', approvers: ['alice'], waitingFor: '1 of 2 approvals from platform' },
        60_000,
        3_600_000,
      ),
    ).toBe('pending · approved by @alice · waiting for 1 of 2 approvals from platform · 59m left');
  });

  it('says a request not ready for approval is not, and why, instead of who approved', () => {
    expect(
      renderProgress(
        {
          state: 'pending',
          approvers: ['alice'],
          waitingFor: 'a decision',
          notReady: 'not ready for approval: no action',
        },
        0,
        4 * 3_600_000,
      ),
    ).toBe('pending · not ready for approval: no action · 4h left');
  });
});
