import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The name of the console's session cookie. */
export const SESSION_COOKIE = 'berth_console';

/** One signed-in browser. */
export interface ConsoleSession {
  /** The cookie's value. */
  readonly id: string;
  /** The token every change must carry in `x-berth-csrf`. */
  readonly csrf: string;
  /** When it ends unless used (ms since the epoch). */
  expires: number;
}

/**
 * The console's sessions, in memory (a restart of `berth serve` signs everyone out): created by signing in with
 * the server's token, kept alive by use, ended after `idleMs` without a request or by signing out.
 */
export class SessionStore {
  readonly #sessions = new Map<string, ConsoleSession>();
  readonly #idleMs: number;

  /** @param idleMs - how long a session lives without a request (default 12 h) */
  constructor(idleMs = 12 * 60 * 60 * 1000) {
    this.#idleMs = idleMs;
  }

  /** A new session. */
  create(): ConsoleSession {
    this.#prune();
    const session = { id: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), expires: Date.now() + this.#idleMs };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The session a request's cookie names, if it is alive (its life is extended). */
  of(req: IncomingMessage): ConsoleSession | undefined {
    const id = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expires < Date.now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.expires = Date.now() + this.#idleMs;
    return session;
  }

  /** Ends a session. */
  end(session: ConsoleSession): void {
    this.#sessions.delete(session.id);
  }

  /** The `Set-Cookie` value for a session (`HttpOnly; SameSite=Strict`, the console's path only). */
  cookieFor(session: ConsoleSession): string {
    return `${SESSION_COOKIE}=${session.id}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(this.#idleMs / 1000)}`;
  }

  /** The `Set-Cookie` value that removes the cookie. */
  static clearCookie(): string {
    return `${SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0`;
  }

  #prune(): void {
    const now = Date.now();
    for (const [id, s] of this.#sessions) if (s.expires < now) this.#sessions.delete(id);
  }
}

/** True when `given` is the session's CSRF token (compared in constant time). */
export function csrfMatches(session: ConsoleSession, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One cookie's value from a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
