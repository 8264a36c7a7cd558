import { hash, timingSafeEqual } from 'node:crypto';
import { validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';

/** The loopback hostnames Berth answers to by default (DNS-rebinding protection). */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * True when the `Host` header names one of `allowed` (any port). A missing `Host` is refused: every HTTP/1.1
 * client sends one, and a rebinding page's request carries the attacker's hostname.
 */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  return validateHostHeader(host, [...allowed]).ok;
}

/**
 * True when the request may come from its `Origin`: no `Origin` (not a browser), or a loopback origin. Any other
 * origin — another site, `null`, something unparsable — is refused (deny on failure).
 */
export function originAllowed(origin: string | undefined): boolean {
  return validateOriginHeader(origin, [...LOOPBACK_HOSTNAMES]).ok;
}

/** SHA-256 of `value`: both sides of the token comparison are digests, so their lengths never differ. */
const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

/** The expected token's digest, kept for the token it was made of (an endpoint has one token). */
let expected: { readonly token: string; readonly digest: Buffer } | undefined;

/** True when `authorization` is `Bearer <token>` with the expected token (compared in constant time). */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return false;
  if (expected?.token !== token) expected = { token, digest: digest(token) };
  return timingSafeEqual(digest(match[1]), expected.digest);
}
