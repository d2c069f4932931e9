// W4: a webhook signature is never compared with == or ===. Probot's webhook middleware hands
// every delivery it runs to @octokit/webhooks, which verifies it with @octokit/webhooks-methods in
// constant time; the one place Gatehouse verifies a signature itself is the front that answers
// deliveries which change no gate (src/app/webhook-front.ts), with timingSafeEqual. This test reads
// the sources to keep it so.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackage } from '../support/find-package.ts';

/** Lines that compare something that looks like a signature, digest or HMAC with an equality operator. */
function findSignatureComparisons(source: string): string[] {
  return source
    .split('\n')
    .filter((line) => /[!=]==?/.test(line) && /signature|hmac|digest|x-hub/i.test(line))
    .map((line) => line.trim());
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('webhook signatures (W4)', () => {
  it('the check below finds an equality comparison of a signature', () => {
    expect(
      findSignatureComparisons(
        [
          'if (signature === expected) accept();',
          "if (req.headers['x-hub-signature-256'] == sig) ok();",
          'const same = digest !== computed;',
          "const message = 'signature: ' + value;",
        ].join('\n'),
      ),
    ).toHaveLength(3);
  });

  it('are never compared with == or === anywhere in src/', () => {
    const found = listSources('src').flatMap((file) =>
      findSignatureComparisons(readFileSync(file, 'utf8')).map((line) => `${file}: ${line}`),
    );
    expect(found).toEqual([]);
  });

  it('are computed and checked by Gatehouse in one place only, in constant time', () => {
    const found = listSources('src').filter((file) =>
      /createHmac|timingSafeEqual|webhooks-methods|verifyAndReceive/.test(readFileSync(file, 'utf8')),
    );
    expect(found).toEqual([join('src', 'app', 'webhook-front.ts')]);
    const front = readFileSync(join('src', 'app', 'webhook-front.ts'), 'utf8');
    expect(front).toContain('given.length === expected.length && timingSafeEqual(given, expected)');
  });

  it("are checked by Probot's middleware through @octokit/webhooks, in constant time", () => {
    const probot = findPackage('probot', '.');
    expect(readFileSync(join(probot, 'lib/octokit/get-webhooks.js'), 'utf8')).toContain('new Webhooks({');
    const webhooks = findPackage('@octokit/webhooks', probot);
    const verifyAndReceive = readFileSync(join(webhooks, 'dist-src/verify-and-receive.js'), 'utf8');
    expect(verifyAndReceive).toContain('await verifyWithFallback(');
    const methods = findPackage('@octokit/webhooks-methods', webhooks);
    const verify = readFileSync(join(methods, 'dist-src/node/verify.js'), 'utf8');
    // The one equality it uses compares lengths, which timingSafeEqual needs equal.
    expect(findSignatureComparisons(verify)).toEqual([
      'if (signatureBuffer.length !== verificationBuffer.length) {',
    ]);
    expect(verify).toContain('return timingSafeEqual(signatureBuffer, verificationBuffer);');
  });
});
