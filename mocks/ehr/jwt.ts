import { createHash, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { base64url } from './http';

/** The authorization server's signing key: RS256 id_tokens, the public half at the jwks_uri. */
export class SigningKey {
  private readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
  readonly kid: string;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
    this.kid = base64url(createHash('sha256').update(String(jwk.n)).digest()).slice(0, 16);
    this.jwk = { ...jwk, kid: this.kid, alg: 'RS256', use: 'sig' };
  }

  sign(claims: Record<string, unknown>): string {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(this.privateKey);
    return `${header}.${payload}.${base64url(signature)}`;
  }
}

/** BASE64URL(SHA256(verifier)): the PKCE S256 transformation (RFC 7636 4.2). */
export const s256 = (verifier: string): string => base64url(createHash('sha256').update(verifier).digest());
