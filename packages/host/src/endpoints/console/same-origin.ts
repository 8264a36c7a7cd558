import type { IncomingMessage } from 'node:http';

/**
 * True when a state-changing request comes from the console's own page: its `Origin` (which browsers send on every
 * POST) is exactly this server's origin. The server's general check lets any loopback origin through (the MCP
 * Inspector runs on another port); for the console that is not enough, since a page on another loopback port is
 * same-site and would carry the `SameSite=Strict` cookie. A request without `Origin` is not a browser's form or
 * fetch and has no cookie to abuse; it is refused all the same (deny by default).
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (origin === undefined || host === undefined) return false;
  return origin === `http://${host}`;
}
