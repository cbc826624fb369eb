/** Hand-made HS256 JWTs, to test tokens the service would never sign itself (expired, forged). */
import { createHmac } from 'node:crypto';

/** Signs the claims with the secret, exactly as written (no iat or exp added). */
export function signHs256(
  claims: Record<string, unknown>,
  secret: string
): string {
  const encode = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** Now in JWT seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
