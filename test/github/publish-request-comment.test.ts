import { describe, expect, it } from 'vitest';
import { createRequestMarker } from '../../src/core/decision-id.ts';
import type { Actor } from '../../src/core/model.ts';
import type { IssueComment } from '../../src/github/load-timeline.ts';
import { findRequestComment, publishRequestComment } from '../../src/github/publish-request-comment.ts';
import { publishReviewRequests, selectReviewRequests } from '../../src/github/publish-review-requests.ts';
import { aLog, aTestClient, github, NOW, useNock } from '../support/github-client.ts';
import { aCreatedComment, anError, anIssueComment, T0, users } from '../support/github-fixtures.ts';

useNock();

const target = { owner: 'acme', repo: 'shop', number: 7 };
const BOT = users.gatehouse.id;
const marker = createRequestMarker('a'.repeat(64));
const body = `**Waiting for approval**\n\n${marker}`;
const options = { botId: BOT, now: () => new Date(NOW) };

function aComment(id: number, author: Actor | undefined, text: string): IssueComment {
  return {
    id,
    ...(author === undefined ? {} : { author }),
    body: text,
    createdAt: T0,
    updatedAt: T0,
    url: `https://github.com/acme/shop/pull/7#issuecomment-${id}`,
  };
}

describe('findRequestComment', () => {
  it('finds the oldest comment by Gatehouse’s bot with a request marker: the one replicas keep', () => {
    const comments = [
      aComment(1, users.gatehouse, `old ${marker}`),
      aComment(2, users.mallory, `forged ${marker}`),
      aComment(3, users.gatehouse, `newer ${marker}`),
      aComment(4, users.gatehouse, 'a trace, no request marker'),
    ];
    expect(findRequestComment(comments, BOT)?.id).toBe(1);
    expect(findRequestComment(comments.slice(1), BOT)?.id).toBe(3);
    expect(findRequestComment([comments[1] as IssueComment], BOT)).toBeUndefined();
  });
});

describe('publishRequestComment', () => {
  it('creates the comment when there is none', async () => {
    github().post('/repos/acme/shop/issues/7/comments', { body }).reply(201, aCreatedComment(70, body));
    const published = await publishRequestComment(aTestClient(), target, body, {
      ...options,
      existing: undefined,
      create: true,
    });
    expect(published).toEqual({
      id: 70,
      url: 'https://github.com/acme/shop/pull/7#issuecomment-70',
      outcome: 'created',
    });
  });

  it('creates none when the gate asks nobody anything', async () => {
    expect(
      await publishRequestComment(aTestClient(), target, body, {
        ...options,
        existing: undefined,
        create: false,
      }),
    ).toBeUndefined();
  });

  it('updates it in place only when the text differs', async () => {
    github().patch('/repos/acme/shop/issues/comments/70', { body }).reply(200, aCreatedComment(70, body));
    const client = aTestClient();
    const old = aComment(70, users.gatehouse, `**Approved**\n\n${marker}`);
    expect(
      await publishRequestComment(client, target, body, { ...options, existing: old, create: true }),
    ).toMatchObject({
      outcome: 'updated',
    });
    const same = aComment(70, users.gatehouse, body);
    expect(
      await publishRequestComment(client, target, body, { ...options, existing: same, create: true }),
    ).toMatchObject({
      outcome: 'unchanged',
    });
  });

  describe('when the answer to the create was lost (R3)', () => {
    it('finds the comment among the newest instead of posting it twice', async () => {
      github()
        .post('/repos/acme/shop/issues/7/comments')
        .reply(502, anError('Server Error'))
        .get('/repos/acme/shop/issues/7/comments')
        .query({ since: '2026-11-20T11:59:00.000Z', per_page: 100 })
        .reply(200, [
          anIssueComment({ id: 71, user: users.mallory, body: `copy ${marker}` }),
          anIssueComment({ id: 72, user: users.gatehouse, body }),
        ]);
      const published = await publishRequestComment(aTestClient(), target, body, {
        ...options,
        existing: undefined,
        create: true,
      });
      expect(published).toMatchObject({ id: 72, outcome: 'created' });
    });

    it('posts again when it is not there', async () => {
      github()
        .post('/repos/acme/shop/issues/7/comments')
        .reply(502, anError('Server Error'))
        .get('/repos/acme/shop/issues/7/comments')
        .query(true)
        .reply(200, [])
        .post('/repos/acme/shop/issues/7/comments')
        .reply(201, aCreatedComment(73, body));
      const published = await publishRequestComment(aTestClient(), target, body, {
        ...options,
        existing: undefined,
        create: true,
      });
      expect(published).toMatchObject({ id: 73 });
    });
  });

  it('deletes the copies a race left beside the comment it updates', async () => {
    github()
      .delete('/repos/acme/shop/issues/comments/71')
      .reply(204)
      .delete('/repos/acme/shop/issues/comments/72')
      .reply(404, anError('Not Found'));
    const existing = aComment(70, users.gatehouse, body);
    const copies = [aComment(71, users.gatehouse, body), aComment(72, users.gatehouse, body)];
    expect(
      await publishRequestComment(aTestClient(), target, body, {
        ...options,
        existing,
        duplicates: copies,
        create: true,
      }),
    ).toMatchObject({ id: 70, outcome: 'unchanged' });
  });

  describe('when replicas may each have created one', () => {
    const replicated = { ...options, existing: undefined, create: true, replicas: true };

    it('keeps its own when it is the oldest, deleting a later copy another replica left', async () => {
      github()
        .post('/repos/acme/shop/issues/7/comments')
        .reply(201, aCreatedComment(80, body))
        .get('/repos/acme/shop/issues/7/comments')
        .query({ since: '2026-11-20T11:59:00.000Z', per_page: 100 })
        .reply(200, [
          anIssueComment({ id: 79, user: users.mallory, body: `copy ${marker}` }),
          anIssueComment({ id: 80, user: users.gatehouse, body }),
          anIssueComment({ id: 81, user: users.gatehouse, body }),
        ])
        .delete('/repos/acme/shop/issues/comments/81')
        .reply(204);
      expect(await publishRequestComment(aTestClient(), target, body, replicated)).toMatchObject({
        id: 80,
        outcome: 'created',
      });
    });

    it('deletes its own when another replica’s is older, and gives that one its text', async () => {
      github()
        .post('/repos/acme/shop/issues/7/comments')
        .reply(201, aCreatedComment(81, body))
        .get('/repos/acme/shop/issues/7/comments')
        .query(true)
        .reply(200, [
          anIssueComment({ id: 80, user: users.gatehouse, body: `**Older text**\n\n${marker}` }),
          anIssueComment({ id: 81, user: users.gatehouse, body }),
        ])
        .delete('/repos/acme/shop/issues/comments/81')
        .reply(204)
        .patch('/repos/acme/shop/issues/comments/80', { body })
        .reply(200, aCreatedComment(80, body));
      expect(await publishRequestComment(aTestClient(), target, body, replicated)).toMatchObject({
        id: 80,
        outcome: 'updated',
      });
    });

    it('takes a deletion another replica made first as done', async () => {
      github()
        .post('/repos/acme/shop/issues/7/comments')
        .reply(201, aCreatedComment(81, body))
        .get('/repos/acme/shop/issues/7/comments')
        .query(true)
        .reply(200, [
          anIssueComment({ id: 80, user: users.gatehouse, body }),
          anIssueComment({ id: 81, user: users.gatehouse, body }),
        ])
        .delete('/repos/acme/shop/issues/comments/81')
        .reply(404, anError('Not Found'));
      expect(await publishRequestComment(aTestClient(), target, body, replicated)).toMatchObject({
        id: 80,
        outcome: 'unchanged',
      });
    });

    it('fails on any other refusal of the deletion', async () => {
      github()
        .post('/repos/acme/shop/issues/7/comments')
        .reply(201, aCreatedComment(81, body))
        .get('/repos/acme/shop/issues/7/comments')
        .query(true)
        .reply(200, [
          anIssueComment({ id: 80, user: users.gatehouse, body }),
          anIssueComment({ id: 81, user: users.gatehouse, body }),
        ])
        .delete('/repos/acme/shop/issues/comments/81')
        .reply(403, anError('Resource not accessible by integration'));
      await expect(publishRequestComment(aTestClient(), target, body, replicated)).rejects.toThrow(
        'Resource not accessible',
      );
    });
  });
});

describe('review requests', () => {
  const pr = { author: users.author, requestedReviewers: ['bob'], requestedTeams: ['dba'] };

  it('asks logins and teams of the repository’s organisation, skipping the author and who is asked or reviewed', () => {
    expect(
      selectReviewRequests(
        [
          'alice',
          'Bob',
          'agent-author',
          'carol',
          'dave',
          '@acme/platform',
          '@acme/dba',
          '@other/team',
          'ci[bot]',
        ],
        pr,
        target,
        ['carol'],
      ),
    ).toEqual({ reviewers: ['alice', 'dave'], teams: ['platform'] });
  });

  it('posts them in one request', async () => {
    github()
      .post('/repos/acme/shop/pulls/7/requested_reviewers', {
        reviewers: ['alice'],
        team_reviewers: ['platform'],
      })
      .reply(201, {});
    expect(
      await publishReviewRequests(
        aTestClient(),
        target,
        { reviewers: ['alice'], teams: ['platform'] },
        aLog(),
      ),
    ).toBe(true);
  });

  it('asks nothing when there is nobody to ask', async () => {
    expect(await publishReviewRequests(aTestClient(), target, { reviewers: [], teams: [] }, aLog())).toBe(
      false,
    );
  });

  it('logs a refusal instead of failing the gate', async () => {
    const log = aLog();
    github()
      .post('/repos/acme/shop/pulls/7/requested_reviewers')
      .reply(422, anError('Reviews may only be requested from collaborators.'));
    expect(await publishReviewRequests(aTestClient(), target, { reviewers: ['zed'], teams: [] }, log)).toBe(
      false,
    );
    expect(log.entries).toEqual([
      {
        level: 'warn',
        message: 'GitHub refused the review requests; the gate does not depend on them',
        fields: {
          reviewers: ['zed'],
          teams: [],
          error: 'HTTP 422: Reviews may only be requested from collaborators.',
        },
      },
    ]);
  });
});
