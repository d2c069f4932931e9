import { describe, expect, it } from 'vitest';
import {
  parseRequestRecord,
  parseWakeMarker,
  readIssueMarks,
  readRequestRecord,
  renderIssueMark,
  renderRequestRecord,
  renderWakeMarker,
} from '../../src/github/load-approval-issues.ts';
import type { IssueComment } from '../../src/github/load-timeline.ts';
import { users } from '../support/github-fixtures.ts';
import { aMigrationRequest } from '../support/request-world.ts';

const BOT = users.gatehouse.id;
const T = '2026-11-20T10:00:00Z';

function aComment(id: number, body: string, author = users.gatehouse, updatedAt = T): IssueComment {
  return { id, body, author, createdAt: T, updatedAt, url: '' };
}

function record(value: unknown): string {
  return `<!-- gatehouse:request-data ${Buffer.from(JSON.stringify(value)).toString('base64url')} -->`;
}

describe('the request record of an approval issue', () => {
  const request = aMigrationRequest();

  it('round-trips the request', () => {
    expect(parseRequestRecord(renderRequestRecord(request))).toEqual(request);
  });

  it.each([
    ['no marker', 'just text'],
    ['not base64 JSON', '<!-- gatehouse:request-data bm90IGpzb24 -->'],
    ['null', record(null)],
    ['no repository', record({ ...request, repository: 1 })],
    ['no subject', record({ ...request, subject: {} })],
    ['no gate kind', record({ ...request, gate: {} })],
    ['no labels', record({ ...request, labels: 'x' })],
    ['a requester without an id', record({ ...request, requester: { login: 'x', type: 'User' } })],
    ['a malformed onBehalfOf', record({ ...request, onBehalfOf: 'alice' })],
  ])('is not read from %s', (_, body) => {
    expect(parseRequestRecord(body)).toBeUndefined();
  });

  it('is trusted only as the first comment, by the bot, unedited, for this repository', () => {
    const body = renderRequestRecord(request);
    expect(readRequestRecord([aComment(2, 'later'), aComment(1, body)], BOT, 'ACME/Shop')).toEqual(request);
    expect(readRequestRecord([aComment(1, 'first'), aComment(2, body)], BOT, 'acme/shop')).toBeUndefined();
    expect(readRequestRecord([aComment(1, body, users.mallory)], BOT, 'acme/shop')).toBeUndefined();
    expect(
      readRequestRecord([aComment(1, body, users.gatehouse, '2026-11-20T11:00:00Z')], BOT, 'acme/shop'),
    ).toBeUndefined();
    expect(readRequestRecord([aComment(1, body)], BOT, 'acme/other')).toBeUndefined();
    expect(readRequestRecord([], BOT, 'acme/shop')).toBeUndefined();
  });
});

describe('Gatehouse’s marks on an approval issue', () => {
  it('reads decided and queue marks by the bot; an edited queue expiry does not count', () => {
    const decided = renderIssueMark({ type: 'decided', id: 'abc', dispatched: true });
    const expired = renderIssueMark({ type: 'queue_expired', maxPending: 2, at: T });
    expect(
      readIssueMarks(
        [
          aComment(1, decided),
          aComment(2, expired),
          aComment(3, expired, users.gatehouse, '2026-11-20T11:00:00Z'),
          aComment(4, decided, users.mallory),
          aComment(5, '<!-- gatehouse:issue {"type":"decided"} -->'),
          aComment(6, '<!-- gatehouse:issue {not json} -->'),
        ],
        BOT,
      ),
    ).toEqual([
      { type: 'decided', id: 'abc', dispatched: true },
      { type: 'queue_expired', maxPending: 2, at: T },
    ]);
  });

  it('escapes what could end the HTML comment', () => {
    expect(renderIssueMark({ type: 'decided', id: '<x>&', dispatched: false })).not.toContain('<x>');
  });

  it('hides the sweep’s wake-up time in the body', () => {
    expect(parseWakeMarker(`text\n${renderWakeMarker('2026-11-20T14:00:00.000Z')}`)).toBe(
      '2026-11-20T14:00:00.000Z',
    );
    expect(parseWakeMarker('text')).toBeUndefined();
  });
});
