// Provenance in the App's decision records, end to end: the real App on the GitHub simulator; a
// `/approve` with a note and an approving review with a body end in one record on the log branch
// that holds both notes (as data in the front matter, escaped in the body) and the links.
import { describe, expect, it } from 'vitest';
import { parseDecisionRecord } from '../../src/core/decision-record.ts';
import { users } from '../support/github-fixtures.ts';
import { commentLater, openPullRequest, POLICY, usePullRequestScenes } from './pull-request-scene.ts';

const scenes = usePullRequestScenes();
const TWO_APPROVALS = POLICY.replace(
  '    reviewers: [platform]\n',
  '    reviewers: [platform]\n    approvals: 2\n',
);

describe('the record of a decision two people made', () => {
  it('holds the note of an /approve and the body of an approving review, escaped in its body', async () => {
    const app = await scenes.start(TWO_APPROVALS);
    const pr = await openPullRequest(app);
    await commentLater(
      app,
      pr.number,
      users.alice,
      '/approve ship it after 6pm <img src=x onerror=alert(1)>',
    );
    app.sim.advance(60_000);
    const review = await app.users.review(
      pr.number,
      users.bob,
      'APPROVED',
      'Read the **rollback**.\n---\n@carol FYI',
    );
    expect(review.status, review.body).toBe(200);

    const files = Object.entries(app.sim.filesOnBranch('gatehouse-log')).filter(([path]) =>
      path.startsWith('decisions/'),
    );
    expect(files).toHaveLength(1);
    const [, text = ''] = files[0] ?? [];
    const parsed = parseDecisionRecord(text);
    if (!('record' in parsed)) throw new Error(parsed.error);
    expect(parsed.record).toMatchObject({
      schema: 2,
      decision: 'approved',
      approvers: [
        { login: 'alice', via: 'comment', note: 'ship it after 6pm <img src=x onerror=alert(1)>' },
        { login: 'bob', via: 'review', note: 'Read the **rollback**.\n---\n@carol FYI' },
      ],
      links: {
        pull_request: `https://github.com/acme/shop/pull/${pr.number}`,
        comment: expect.stringMatching(
          new RegExp(`^https://github\\.com/acme/shop/(?:pull|issues)/${pr.number}#issuecomment-\\d+$`),
        ),
      },
    });
    expect(parsed.record.links).not.toHaveProperty('workflow_run');
    const body = text.slice(text.indexOf('\n---\n', 4) + 5);
    expect(body).toContain('> ship it after 6pm &lt;img src\\=x onerror\\=alert\\(1\\)&gt;');
    expect(body).toContain('> Read the \\*\\*rollback\\*\\*.\\\n> \\-\\-\\-\\\n> @\u200Bcarol FYI');
    expect(body).not.toMatch(/<img|@carol/);
  });
});
