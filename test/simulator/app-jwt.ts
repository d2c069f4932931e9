// How GitHub checks the JSON Web Token an App authenticates as itself with: RS256, signed by the
// App's private key (checked with its public key), issued by the App's id, not issued in the
// future and expiring within ten minutes. Each refusal carries the message GitHub answers with.
import { createVerify, type KeyObject } from 'node:crypto';

/** The most a JWT may live, by GitHub's rule (universal-github-app-jwt asks for exactly this). */
export const MAX_JWT_LIFETIME_S = 10 * 60;
/** How far in the future GitHub tolerates `iat` (clock drift). */
const IAT_DRIFT_S = 60;

export type JwtCheck = { appId: number } | { refused: string };

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `token` is a JWT at all (three base64url parts), as opposed to an installation token. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

/** Checks `token` as the JWT of the App `appId` whose key is `publicKey`, at `nowS` (seconds). */
export function verifyAppJwt(token: string, publicKey: KeyObject, appId: number, nowS: number): JwtCheck {
  const undecodable = { refused: 'A JSON web token could not be decoded' };
  const [header = '', payload = '', signature = ''] = token.split('.');
  const head = decodePart(header);
  const claims = decodePart(payload);
  if (head === undefined || claims === undefined || head.alg !== 'RS256') return undecodable;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(publicKey, Buffer.from(signature, 'base64url'))) return undecodable;
  if (String(claims.iss) !== String(appId)) return { refused: 'Integration not found' };
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || iat > nowS + IAT_DRIFT_S)
    return {
      refused:
        "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    };
  if (typeof exp !== 'number' || exp <= nowS)
    return {
      refused:
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    };
  if (exp - iat > MAX_JWT_LIFETIME_S)
    return { refused: "'Expiration time' claim ('exp') is too far in the future" };
  return { appId };
}
