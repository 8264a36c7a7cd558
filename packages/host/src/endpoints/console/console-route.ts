import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlOperations } from '../../control/types.js';
import type { PluginHost } from '../../lifecycle/plugin-host.js';
import type { HttpRoute } from '../http/http-endpoint.js';
import type { OpenAiRouteHandler } from '../openai/routes.js';
import { answerApi } from './api-routes.js';
import { streamEvents } from './events-stream.js';
import { ProcessSampler } from './health/process-sampler.js';
import { CONSOLE_HEADERS, ConsoleRequestError, answerError, answerRefusal, withoutCors } from './http-answers.js';
import { PUBLIC_ASSETS, appPage, readAsset, signInPage } from './pages.js';
import { RecentEvents } from './recent-events.js';
import { sameOrigin } from './same-origin.js';
import { SessionStore, csrfMatches, type ConsoleSession } from './session-store.js';

const WRONG_TOKEN_PAUSE_MS = 500;

/** Where the console is served. */
export const CONSOLE_PATH = '/console';

/** Options of {@link createConsole}. */
export interface ConsoleOptions {
  /** The server's token: signing in means presenting it once. */
  readonly token: string;
  /** Every action of the console goes through these operations (the control plane's, shared with the CLI). */
  readonly ops: ControlOperations;
  /** The host: settings and tool schemas, plugin processes (read-only). */
  readonly host: PluginHost;
  /**
   * The OpenAI-compatible routes mounted at `/console/api/v1` (the providers view and its chat playground use the
   * same implementation as `/v1`, behind the console's session instead of the bearer token).
   */
  readonly openAi?: OpenAiRouteHandler;
  /** How often plugin processes are sampled for the health chart (ms, default 2000). */
  readonly sampleIntervalMs?: number;
}

/** The mounted console. */
export interface WebConsole {
  /** The route to mount before the bearer-token check (it authenticates by session). */
  readonly route: HttpRoute;
  /** Stops sampling and following the host. */
  close(): Promise<void>;
}

/**
 * The web console at `/console`: a sign-in page, then (with a `HttpOnly; SameSite=Strict` session cookie) the
 * bundled front end and its JSON API. Every change must be a same-origin POST carrying the session's CSRF token
 * in `x-berth-csrf`; nothing but the sign-in page and its style sheet is served without a session.
 */
export async function createConsole(options: ConsoleOptions): Promise<WebConsole> {
  const sessions = new SessionStore();
  const sampler = new ProcessSampler(options.host, options.sampleIntervalMs !== undefined ? { intervalMs: options.sampleIntervalMs } : {});
  const recent = new RecentEvents();
  const unsubscribe = options.ops.mode === 'live' ? await options.ops.subscribe((event) => recent.offer(event)) : () => undefined;
  const deps = { ops: options.ops, host: options.host, sampler, recent };

  const route: HttpRoute = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`)) return false;
    withoutCors(res);
    if (path === CONSOLE_PATH) return redirect(res, `${CONSOLE_PATH}/`);
    const asset = path.startsWith(`${CONSOLE_PATH}/assets/`) ? path.slice(`${CONSOLE_PATH}/assets/`.length) : undefined;
    if (asset !== undefined && PUBLIC_ASSETS.includes(asset) && req.method === 'GET') return sendAsset(res, asset);
    if (path === `${CONSOLE_PATH}/sign-in` && req.method === 'POST') return signIn(req, res, sessions, options.token);

    const session = sessions.of(req);
    if (session === undefined) {
      if (path.startsWith(`${CONSOLE_PATH}/api/`)) answerRefusal(res, 401, 'unauthorized', 'sign in to the console first');
      else if (req.method === 'GET' && asset === undefined) html(res, 200, signInPage());
      else answerRefusal(res, 401, 'unauthorized', 'sign in to the console first');
      return true;
    }
    if (req.method === 'POST' && !changeAllowed(req, session)) {
      answerRefusal(res, 403, 'csrf', 'a change must come from the console page itself (same origin, with its CSRF token)');
      return true;
    }
    if (path === `${CONSOLE_PATH}/sign-out` && req.method === 'POST') {
      sessions.end(session);
      html(res, 200, signInPage('signed-out'), { 'set-cookie': SessionStore.clearCookie() });
      return true;
    }
    if (asset !== undefined) return req.method === 'GET' ? sendAsset(res, asset) : false;
    if (path.startsWith(`${CONSOLE_PATH}/api/`)) {
      const apiPath = path.slice(`${CONSOLE_PATH}/api/`.length);
      try {
        if (apiPath === 'events' && req.method === 'GET') {
          await streamEvents(options.ops, req, res);
          return true;
        }
        if ((apiPath === 'v1' || apiPath.startsWith('v1/')) && options.openAi !== undefined) return await options.openAi(req, res);
        if (await answerApi(deps, apiPath, req, res, url)) return true;
        answerRefusal(res, 404, 'not_found', `the console's API has no ${req.method ?? ''} ${apiPath}`);
      } catch (error) {
        if (res.headersSent) res.end();
        else if (error instanceof ConsoleRequestError) answerRefusal(res, 400, 'bad_request', error.message);
        else answerError(res, error);
      }
      return true;
    }
    if (req.method === 'GET') {
      html(res, 200, appPage(session.csrf));
      return true;
    }
    return false;
  };

  return {
    route,
    close: async () => {
      unsubscribe();
      sampler.stop();
    },
  };
}

/** A POST may change something only from the console's own page: same origin, and the session's CSRF token. */
function changeAllowed(req: IncomingMessage, session: ConsoleSession): boolean {
  return sameOrigin(req) && csrfMatches(session, req.headers['x-berth-csrf']);
}

async function signIn(req: IncomingMessage, res: ServerResponse, sessions: SessionStore, token: string): Promise<true> {
  if (!sameOrigin(req)) {
    answerRefusal(res, 403, 'origin_not_allowed', 'sign in from the console page of this server');
    return true;
  }
  let given = '';
  try {
    given = new URLSearchParams(await readSmallBody(req)).get('token') ?? '';
  } catch {
    given = '';
  }
  if (!sameSecret(given.trim(), token)) {
    // A pause per wrong guess (the token is 256 random bits; this only keeps a guessing loop slow and quiet).
    await new Promise((resolve) => setTimeout(resolve, WRONG_TOKEN_PAUSE_MS));
    html(res, 401, signInPage('wrong-token'));
    return true;
  }
  const session = sessions.create();
  res.writeHead(303, { ...CONSOLE_HEADERS, location: `${CONSOLE_PATH}/`, 'set-cookie': sessions.cookieFor(session) });
  res.end();
  return true;
}

function sameSecret(given: string, token: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return given !== '' && timingSafeEqual(digest(given), digest(token));
}

async function readSmallBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 8192) throw new ConsoleRequestError('the sign-in form is too large');
  }
  return text;
}

async function sendAsset(res: ServerResponse, name: string): Promise<true> {
  const found = await readAsset(name);
  if (found === undefined) {
    answerRefusal(res, 404, 'not_found', `no console asset '${name}' (was the console built? npm run build)`);
    return true;
  }
  res.writeHead(200, { ...CONSOLE_HEADERS, 'content-type': found.type, 'content-length': found.body.length });
  res.end(found.body);
  return true;
}

function html(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CONSOLE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(308, { ...CONSOLE_HEADERS, location });
  res.end();
  return true;
}
