// The hook's stdin and stdout without stream objects (src/cli/fd-stdio.ts), on descriptors of
// temporary files: what is written arrives whole, what is read is all of it, and a descriptor that
// is not open reads as no input and fails a write instead of throwing.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFdWriter, readFdText } from '../../src/cli/fd-stdio.ts';

const NOT_OPEN = 1_000_003;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-fd-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('reading a descriptor', () => {
  it('reads all of it, past the size of one read, as UTF-8', async () => {
    const text = `{"tool_name":"Bash","note":"${'é'.repeat(70_000)}"}`;
    const file = join(dir, 'in.json');
    writeFileSync(file, text);
    const fd = openSync(file, 'r');
    try {
      expect(await readFdText(fd, [])).toBe(text);
    } finally {
      closeSync(fd);
    }
  });

  it('reads a descriptor that is not open as no input', async () => {
    expect(await readFdText(NOT_OPEN, [])).toBe('');
  });
});

describe('writing a descriptor', () => {
  it('writes the whole text', () => {
    const file = join(dir, 'out.json');
    const fd = openSync(file, 'w');
    let failed = false;
    try {
      const writer = createFdWriter(fd, () => {
        failed = true;
      });
      expect(writer.write('{"permissionDecision":"allow"}\n')).toBe(true);
      writer.write('ünïcode\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('{"permissionDecision":"allow"}\nünïcode\n');
    expect(failed).toBe(false);
  });

  it('says a write that fails has failed, instead of throwing', () => {
    let failed = false;
    const writer = createFdWriter(NOT_OPEN, () => {
      failed = true;
    });
    expect(() => writer.write('lost')).not.toThrow();
    expect(failed).toBe(true);
  });
});
