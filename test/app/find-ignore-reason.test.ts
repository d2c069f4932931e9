// Which deliveries the front may answer at once (src/app/webhook-front.ts): those whose plan is
// `ignore`, with the reason the handler would log; none that may change a gate, none it refuses.
import { describe, expect, it } from 'vitest';
import { findIgnoreReason } from '../../src/app/app.ts';
import { accounts, examplePayload } from './payloads.ts';

const onPullRequest = (body: string) =>
  examplePayload('issue_comment', 'created', {
    issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } },
    comment: { id: 31, user: accounts.alice, updated_at: '2026-11-20T10:04:00Z', body },
  });

describe('findIgnoreReason', () => {
  it('names why a comment without a command changes nothing', () => {
    expect(findIgnoreReason('issue_comment', onPullRequest('Looks good to me.'))).toBe(
      'issue_comment.created of a comment that holds no Gatehouse command',
    );
  });

  it('says nothing for a comment with a command: its gate is recomputed', () => {
    expect(findIgnoreReason('issue_comment', onPullRequest('/approve'))).toBeUndefined();
  });

  it('says nothing for an event Gatehouse does not handle (Probot answers it)', () => {
    expect(findIgnoreReason('star', { action: 'created' })).toBeUndefined();
  });

  it('throws for a body that does not fit its event, which the handler refuses with 400', () => {
    expect(() => findIgnoreReason('issue_comment', { action: 'created' })).toThrow(/does not fit that event/);
  });
});
