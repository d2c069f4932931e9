import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/model.ts';
import { createStatements, type IssueComment } from '../../src/github/load-timeline.ts';
import {
  createTraceKey,
  parseTraceMarker,
  publishTrace,
  readTraces,
  renderTraceComment,
  renderTraceMarker,
  type Trace,
} from '../../src/github/traces.ts';
import { aTestClient, github, useNock } from '../support/github-client.ts';
import { aCreatedComment, HEAD_SHA, T0, users } from '../support/github-fixtures.ts';

useNock();

const BOT = users.gatehouse.id;
const click: Trace = {
  type: 'check_action',
  action: 'approve',
  actor: users.alice,
  sha: HEAD_SHA,
  at: T0,
  key: createTraceKey(['check_action', 55, 'approve', users.alice.id, HEAD_SHA]),
};
const edit: Trace = {
  type: 'edit',
  comment: 31,
  editor: users.mallory,
  at: '2026-11-20T10:10:00Z',
  key: createTraceKey(['edit', 31, '2026-11-20T10:10:00Z', users.mallory.id]),
};

function aComment(id: number, author: Actor | undefined, body: string, updatedAt = T0): IssueComment {
  return {
    id,
    ...(author === undefined ? {} : { author }),
    body,
    createdAt: T0,
    updatedAt,
    url: `https://github.com/acme/shop/pull/7#issuecomment-${id}`,
  };
}

describe('trace markers', () => {
  it('read back what they wrote', () => {
    expect(parseTraceMarker(renderTraceComment(click))).toEqual(click);
    expect(parseTraceMarker(renderTraceComment(edit, { commentAuthor: 'alice' }))).toEqual(edit);
  });

  it('cannot be closed early by what they carry', () => {
    const marker = renderTraceMarker({ ...click, actor: { ...users.alice, login: 'x--><b>' } });
    expect(marker.match(/-->/g)).toHaveLength(1);
    expect(parseTraceMarker(marker)).toMatchObject({ actor: { login: 'x--><b>' } });
  });

  it.each([
    ['no marker', 'LGTM'],
    ['broken JSON', '<!-- gatehouse:trace {"type": -->'],
    ['an unknown type', '<!-- gatehouse:trace {"type":"vote","key":"0123456789abcdef01234567"} -->'],
    ['a bad key', renderTraceMarker(click).replace(click.key, 'zz')],
  ])('ignore %s', (_case, body) => {
    expect(parseTraceMarker(body)).toBeUndefined();
  });

  it('say what was recorded in words, escaped', () => {
    expect(renderTraceComment(click).split('\n')[0]).toMatchInlineSnapshot(
      `"Recorded: alice clicked **Approve** on the \`gatehouse\` check run of commit \`c0ffee000000\`. It counts as a \`/approve\` given for that commit."`,
    );
    expect(renderTraceComment(edit, { commentAuthor: '@alice' }).split('\n')[0]).toMatchInlineSnapshot(
      `"Recorded: mallory edited comment 31 by @​alice. A command comment edited by anyone but its author fails the gate."`,
    );
    expect(
      renderTraceComment({ type: 'escalation', to: ['carol', '@acme/dba'], at: T0, key: click.key }).split(
        '\n',
      )[0],
    ).toMatchInlineSnapshot(
      `"**Escalated:** no decision before the deadline. @carol, @acme/dba: you can approve this request too; see the request above."`,
    );
  });
});

describe('readTraces', () => {
  it('trusts only unedited comments by Gatehouse’s bot (L5)', () => {
    const forged = { ...click, actor: users.mallory, key: createTraceKey(['forged']) };
    const comments = [
      aComment(1, users.gatehouse, renderTraceComment(click)),
      aComment(2, users.mallory, renderTraceComment(forged)),
      aComment(3, users.gatehouse, renderTraceComment(edit), '2026-11-20T11:00:00Z'),
      aComment(4, { ...users.gatehouse, id: 12345 }, renderTraceComment(forged)),
    ];
    const { trusted, keys } = readTraces(comments, { botId: BOT });
    expect(trusted).toEqual([{ commentId: 1, createdAt: T0, trace: click }]);
    // The edited one is not trusted, but its key still stops the delivery from being written again.
    expect([...keys]).toEqual([click.key, edit.key]);
  });

  it('trusts no trace where every workflow writes as the same account (the Action: class 5)', () => {
    // Any workflow's GITHUB_TOKEN posts as github-actions[bot]: a comment shaped like Gatehouse's
    // trace of a button click is no evidence that anyone clicked.
    const comments = [aComment(1, users.gatehouse, renderTraceComment(click))];
    const { trusted, keys } = readTraces(comments, { botId: BOT, sharedIdentity: true });
    expect(trusted).toEqual([]);
    expect([...keys]).toEqual([click.key]);
  });
});

describe('createStatements', () => {
  it('turns comments, reviews and trusted traces into statements', () => {
    const statements = createStatements({
      comments: [
        aComment(31, users.alice, '/approve', '2026-11-20T10:10:00Z'),
        aComment(32, users.gatehouse, 'the request'),
        { ...aComment(33, users.bob, '/approve'), viaApp: 'some-app' },
        { ...aComment(34, undefined, '/approve') },
      ],
      reviews: [
        { id: 80, author: users.carol, body: '', state: 'APPROVED', commitId: HEAD_SHA, submittedAt: T0 },
        { id: 81, author: users.carol, body: '', state: 'PENDING', commitId: HEAD_SHA },
      ],
      traces: [
        { commentId: 90, createdAt: '2026-11-20T10:20:00Z', trace: click },
        { commentId: 91, createdAt: '2026-11-20T10:21:00Z', trace: edit },
        {
          commentId: 92,
          createdAt: '2026-11-20T10:22:00Z',
          trace: { ...edit, key: createTraceKey(['again']) },
        },
      ],
      botId: BOT,
    });
    expect(statements).toEqual([
      {
        source: 'comment',
        id: '31',
        author: users.alice,
        body: '/approve',
        createdAt: T0,
        updatedAt: '2026-11-20T10:10:00Z',
        editors: [users.mallory],
      },
      {
        source: 'comment',
        id: '33',
        author: users.bob,
        body: '/approve',
        createdAt: T0,
        updatedAt: T0,
        viaApp: 'some-app',
      },
      {
        source: 'review',
        id: '80',
        author: users.carol,
        body: '',
        createdAt: T0,
        reviewState: 'APPROVED',
        commitId: HEAD_SHA,
      },
      {
        source: 'check_action',
        id: '90',
        author: users.alice,
        body: '',
        createdAt: '2026-11-20T10:20:00Z',
        commitId: HEAD_SHA,
        action: 'approve',
      },
    ]);
  });

  it('passes a review’s last edit time through, so an edited approving review is judged as edited', () => {
    const review = { id: 80, author: users.carol, body: '', state: 'APPROVED', commitId: HEAD_SHA };
    const statements = createStatements({
      comments: [],
      reviews: [
        { ...review, submittedAt: T0, updatedAt: '2026-11-20T10:30:00Z' },
        { ...review, id: 81, submittedAt: T0 },
      ],
      traces: [],
      botId: BOT,
    });
    expect(statements.map((statement) => [statement.id, statement.updatedAt])).toEqual([
      ['80', '2026-11-20T10:30:00Z'],
      ['81', undefined],
    ]);
  });
});

describe('publishTrace', () => {
  it('posts the comment once, without a blind retry (R3)', async () => {
    github()
      .post('/repos/acme/shop/issues/7/comments', (body) => parseTraceMarker(body.body)?.key === click.key)
      .reply(201, aCreatedComment(500, renderTraceComment(click)));
    const posted = await publishTrace(aTestClient(), { owner: 'acme', repo: 'shop', number: 7 }, click);
    expect(posted).toEqual({ id: 500, createdAt: T0 });
  });

  it('with replicas, keeps the copy another replica posted first and deletes its own', async () => {
    const body = renderTraceComment(click);
    github()
      .post('/repos/acme/shop/issues/7/comments')
      .reply(201, aCreatedComment(501, body))
      .get('/repos/acme/shop/issues/7/comments')
      .query({ since: T0, per_page: 100 })
      .reply(200, [aCreatedComment(500, body), aCreatedComment(501, body)])
      .delete('/repos/acme/shop/issues/comments/501')
      .reply(204);
    const posted = await publishTrace(aTestClient(), { owner: 'acme', repo: 'shop', number: 7 }, click, {
      converge: { since: T0, authorId: users.gatehouse.id },
    });
    expect(posted).toEqual({ id: 500, createdAt: T0 });
  });
});
