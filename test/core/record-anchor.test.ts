import { describe, expect, it } from 'vitest';
import {
  createRecordDigest,
  parseRecordAnchor,
  prependRecordAnchor,
  renderRecordAnchor,
} from '../../src/core/record-anchor.ts';

const anchor = {
  path: 'decisions/2026/03/0123456789abcdef01234567.md',
  sha256: createRecordDigest('---\nschema: 1\n---\n'),
  commit: 'c0ffee'.padEnd(40, '0'),
};

describe('record anchors', () => {
  it('is one readable line on top of the run text, read back as written', () => {
    const text = prependRecordAnchor('<!-- gatehouse:wake 2026-03-02T10:00:00.000Z -->', anchor);
    expect(text).toMatchInlineSnapshot(`
      "Decision record: \`decisions/2026/03/0123456789abcdef01234567.md\`, SHA-256 \`5c2c3daccd551553a159e8064c184ddc3a05db960b7d91b75f02457d20443718\`, log commit \`c0ffee0000000000000000000000000000000000\`

      <!-- gatehouse:wake 2026-03-02T10:00:00.000Z -->"
    `);
    expect(parseRecordAnchor(text)).toEqual(anchor);
  });

  it('is the SHA-256 of the file bytes in UTF-8', () => {
    expect(createRecordDigest('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
    expect(createRecordDigest('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('is read only from the first line, so a line further down (a reason, a title) is no anchor', () => {
    const line = renderRecordAnchor(anchor) ?? '';
    expect(parseRecordAnchor(`Approved by alice\n${line}`)).toBeUndefined();
    expect(parseRecordAnchor(`${line} `)).toBeUndefined();
    expect(parseRecordAnchor(null)).toBeUndefined();
  });

  it('is left out for a path the strict shape cannot hold', () => {
    expect(renderRecordAnchor({ ...anchor, path: 'decisions/a`b.md' })).toBeUndefined();
    expect(prependRecordAnchor('state', { ...anchor, path: 'a\nb' })).toBe('state');
  });
});
