import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.ts';
import { evaluateGate } from '../../src/core/gate.ts';
import type { Statement } from '../../src/core/model.ts';
import {
  aRequest,
  comment,
  HEAD,
  LATER,
  people,
  policyFrom,
  review,
  someFacts,
} from '../support/builders.ts';

const policy = policyFrom(`
reviewers:
  platform: [alice, bob]
defaults:
  approvals: 1
rules:
  - name: migrations
    if: { paths: ["db/**"] }
    risk: { reversibility: irreversible }
    reviewers: [platform]
    approvals: 2
`);
const migration = aRequest({
  files: { paths: ['db/migrations/001_drop_status.sql'], complete: true },
  options: [
    { key: 'a', name: 'Drop now', description: 'Run the migration in this deploy.' },
    { key: 'b', name: 'Off-peak', description: 'Run it at 02:00 UTC.' },
  ],
});

function notesOf(...statements: Statement[]) {
  const result = evaluateGate(policy, migration, someFacts({ statements }), LATER);
  return result.approvers.map((approval) => ({
    login: approval.approver.login,
    option: approval.option,
    note: approval.note,
  }));
}

describe('the command parser', () => {
  it('gives the args and the whole text as the note; the option is the gate’s to read', () => {
    expect(parseCommand('/approve b ship it after 6pm\nand not before')).toEqual({
      ok: true,
      command: {
        verb: 'approve',
        cancel: false,
        args: 'b ship it after 6pm',
        note: 'b ship it after 6pm\nand not before',
      },
    });
  });
});

describe('an approver’s note', () => {
  it('is what follows the option of /approve', () => {
    expect(notesOf(comment(people.alice, '/approve b ship it after 6pm'))).toEqual([
      { login: 'alice', option: 'b', note: 'ship it after 6pm' },
    ]);
  });

  it('follows an option given by name, or with punctuation after its key', () => {
    expect(
      notesOf(
        comment(people.alice, '/approve Off-peak: fine by me'),
        comment(people.bob, '/approve b) after the\nbackup'),
      ),
    ).toEqual([
      { login: 'alice', option: 'b', note: 'fine by me' },
      { login: 'bob', option: 'b', note: 'after the\nbackup' },
    ]);
  });

  it('is the whole text when no option is named, and absent for a bare /approve b', () => {
    expect(
      notesOf(comment(people.alice, '/approve looks right to me'), comment(people.bob, '/approve b')),
    ).toEqual([
      { login: 'alice', option: undefined, note: 'looks right to me' },
      { login: 'bob', option: 'b', note: undefined },
    ]);
  });

  it('is an approving review’s body, or what follows the /approve in it', () => {
    expect(
      notesOf(
        review(people.alice, 'APPROVED', HEAD, LATER, 'Checked the <b>plan</b>; **ok**.'),
        review(people.bob, 'APPROVED', HEAD, LATER, '/approve a now, please'),
      ),
    ).toEqual([
      { login: 'alice', option: undefined, note: 'Checked the <b>plan</b>; **ok**.' },
      { login: 'bob', option: 'a', note: 'now, please' },
    ]);
  });
});
