import { describe, expect, it } from 'vitest';
import {
  type HeadActivity,
  loadDescriptionEdit,
  readHeadHistory,
} from '../../src/github/load-head-history.ts';
import type { PullRequestSnapshot } from '../../src/github/load-pull-request.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { anActivity, anError, HEAD_SHA, NEW_HEAD_SHA, users } from '../support/github-fixtures.ts';

useNock();

const OPENED = '2026-11-20T09:58:00Z';
const NOW = '2026-11-20T11:00:00Z';

const pr = {
  head: { sha: HEAD_SHA, ref: 'drop-status', repository: 'acme/shop' },
  createdAt: OPENED,
} as PullRequestSnapshot;

function activity(...entries: Parameters<typeof anActivity>[0][]): HeadActivity {
  return { entries: entries.map(anActivity) as never };
}

describe('readHeadHistory', () => {
  it('dates the first head by the opening: no push since, no guard window', () => {
    const history = readHeadHistory(
      pr,
      [],
      activity({ after: HEAD_SHA, at: '2026-11-20T09:57:00Z', actor: users.author, type: 'branch_creation' }),
      { now: NOW, labels: [] },
    );
    expect(history).toMatchObject({
      since: OPENED,
      sinceEvent: 'opened',
      pushed: false,
      pusher: users.author,
    });
  });

  it('dates a pushed head by GitHub’s activity log, names its pusher and the heads before it', () => {
    const history = readHeadHistory(
      pr,
      [],
      activity(
        {
          after: HEAD_SHA,
          before: NEW_HEAD_SHA,
          at: '2026-11-20T10:30:00Z',
          actor: users.mallory,
          type: 'force_push',
        },
        { after: NEW_HEAD_SHA, at: '2026-11-20T10:10:00Z', actor: users.author },
      ),
      { now: NOW, labels: [] },
    );
    expect(history).toMatchObject({
      since: '2026-11-20T10:30:00.000Z',
      sinceEvent: 'force-pushed',
      pushed: true,
      pusher: users.mallory,
      previousHeads: [NEW_HEAD_SHA],
    });
  });

  it('fails closed when the activity log does not show the head yet: nothing said before now counts', () => {
    const history = readHeadHistory(
      pr,
      [],
      activity({ after: NEW_HEAD_SHA, at: '2026-11-20T10:10:00Z', actor: users.author }),
      { now: NOW, labels: [] },
    );
    expect(history.since).toBe(new Date(NOW).toISOString());
    expect(history.problem).toContain('does not show c0ffee0 as the head');
    expect(history.pusher).toBeUndefined();
  });

  it('moves the time on a base change, and notes title and rule-label changes', () => {
    const history = readHeadHistory(
      pr,
      [
        { event: 'base_ref_changed', createdAt: '2026-11-20T10:40:00Z' },
        { event: 'renamed', createdAt: '2026-11-20T10:41:00Z' },
        { event: 'labeled', createdAt: '2026-11-20T10:42:00Z', label: 'Hotfix' },
        { event: 'labeled', createdAt: '2026-11-20T10:43:00Z', label: 'not-a-rule-label' },
      ],
      activity({ after: HEAD_SHA, at: '2026-11-20T09:57:00Z', actor: users.author }),
      { now: NOW, labels: ['hotfix'] },
    );
    expect(history).toMatchObject({
      since: '2026-11-20T10:40:00.000Z',
      sinceEvent: 'base ref changed',
      pushed: false,
      titleChangedAt: '2026-11-20T10:41:00Z',
      labelChange: { at: '2026-11-20T10:42:00Z', what: 'the label Hotfix was added' },
    });
  });

  it('dates a fork’s head by the App’s check suite, where the activity log cannot be read', () => {
    const history = readHeadHistory(
      pr,
      [],
      { unreadable: 'a fork', checkSuiteCreatedAt: '2026-11-20T10:20:00Z' },
      { now: NOW, labels: [] },
    );
    expect(history).toMatchObject({ since: '2026-11-20T10:20:00.000Z', pushed: true });
    expect(history.pusher).toBeUndefined();
  });
});

describe('loadDescriptionEdit', () => {
  const target = { owner: 'acme', repo: 'shop', number: 7 };

  it('reads GitHub’s time of the description’s last edit', async () => {
    github()
      .post('/graphql')
      .reply(200, { data: { repository: { pullRequest: { lastEditedAt: '2026-11-20T10:20:00Z' } } } });
    const warnings: unknown[] = [];
    expect(
      await loadDescriptionEdit(aTestClient(), target, { warn: (fields) => warnings.push(fields) }),
    ).toBe('2026-11-20T10:20:00Z');
    expect(warnings).toEqual([]);
  });

  it('says so in the log, and reads nothing, when GraphQL cannot be reached', async () => {
    github().post('/graphql').reply(404, anError('Not Found'));
    const warnings: string[] = [];
    const edit = await loadDescriptionEdit(aTestClient(), target, {
      warn: (_fields, message) => warnings.push(String(message)),
    });
    expect(edit).toBeUndefined();
    expect(warnings).toEqual([
      'the description’s last edit could not be read (GraphQL): an edit after an approval is not noticed',
    ]);
  });
});
