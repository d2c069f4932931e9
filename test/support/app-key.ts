// RSA keys for GitHub Apps in tests: Probot signs real JWTs with them, so they must be real keys,
// and one takes a moment to generate.
import { generateKeyPairSync } from 'node:crypto';

/** A new App private key (RSA 2048, PKCS#1 PEM, as GitHub hands it over). */
export function generateAppKey(): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}

let fileKey: string | undefined;

/** The App's key for this test file: made once (a file may make it in a `beforeAll`), then reused. */
export function appKey(): string {
  fileKey ??= generateAppKey();
  return fileKey;
}
