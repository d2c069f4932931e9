import { describe, expect, it } from 'vitest';
import { planEvent } from '../../src/action/plan-event.ts';

const alice = { id: 1, login: 'alice', type: 'User' };
const comment = { id: 55, user: alice, updated_at: '2026-11-20T10:00:00Z', body: '/approve' };

describe('which gate an event recomputes', () => {
  it.each(['pull_request', 'pull_request_target'])('%s: the pull request, with its sender', (name) => {
    expect(
      planEvent(name, { action: 'synchronize', number: 7, pull_request: { number: 7 }, sender: alice }),
    ).toEqual({
      kind: 'pull_request',
      number: 7,
      trigger: { kind: 'pull_request', action: 'synchronize', sender: alice },
    });
  });

  it('pull_request_review: a review trigger', () => {
    expect(
      planEvent('pull_request_review', { action: 'submitted', pull_request: { number: 8 }, sender: alice }),
    ).toEqual({
      kind: 'pull_request',
      number: 8,
      trigger: { kind: 'review', action: 'submitted', sender: alice },
    });
  });

  it('issue_comment on a pull request: a comment trigger, with the body before an edit', () => {
    expect(
      planEvent('issue_comment', {
        action: 'edited',
        issue: { number: 7, pull_request: {} },
        comment,
        changes: { body: { from: 'LGTM?' } },
        sender: { id: 2, login: 'bob' },
      }),
    ).toEqual({
      kind: 'pull_request',
      number: 7,
      trigger: {
        kind: 'comment',
        action: 'edited',
        commentId: 55,
        commentAuthorId: 1,
        sender: { id: 2, login: 'bob', type: 'User' },
        updatedAt: '2026-11-20T10:00:00Z',
        previousBody: 'LGTM?',
      },
    });
  });

  it('issue_comment on an issue: the approval issue', () => {
    expect(
      planEvent('issue_comment', { action: 'created', issue: { number: 12 }, comment, sender: alice }),
    ).toEqual({
      kind: 'approval_issue',
      issueNumber: 12,
    });
  });

  it('issue_comment edited on an issue by someone else: the approval issue, with the edit to record (L1)', () => {
    const mallory = { id: 66, login: 'mallory', type: 'User' };
    expect(
      planEvent('issue_comment', {
        action: 'edited',
        issue: { number: 12 },
        comment,
        sender: mallory,
        changes: { body: { from: '/reject not now' } },
      }),
    ).toEqual({
      kind: 'approval_issue',
      issueNumber: 12,
      edit: {
        commentId: comment.id,
        editor: mallory,
        updatedAt: comment.updated_at,
        previousBody: '/reject not now',
      },
    });
  });

  it.each([
    [
      'pull_request',
      { action: 'closed', number: 7, sender: alice },
      'pull_request.closed does not change a gate',
    ],
    ['pull_request', { action: 'opened', sender: alice }, 'the pull_request event has no pull request'],
    [
      'pull_request_review',
      { action: 'requested', pull_request: { number: 1 } },
      'pull_request_review.requested does not change a gate',
    ],
    ['pull_request_review', { action: 'submitted' }, 'the review event has no pull request'],
    ['issue_comment', { action: 'pinned' }, 'issue_comment.pinned does not change a gate'],
    [
      'issue_comment',
      { action: 'created', issue: { number: 1 } },
      'the comment event has no issue or comment',
    ],
    [
      'issue_comment',
      { action: 'created', issue: { number: 1, pull_request: {} }, comment: { user: alice }, sender: alice },
      'the comment event has no comment id',
    ],
    ['push', {}, 'mode handle does nothing on push events'],
    ['issue_comment', null, 'issue_comment. does not change a gate'],
  ])('%s %j: ignored', (name, payload, reason) => {
    expect(planEvent(name, payload)).toEqual({ kind: 'ignore', reason });
  });
});
