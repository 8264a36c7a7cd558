// @ts-check
/**
 * The replay server: a real node:http server that answers like Docker Model Runner, with responses recorded from
 * a real llama.cpp `llama-server` (status, headers, SSE event boundaries as recorded) plus Model Runner's own
 * plain-text errors, model list and `/models/create` progress stream (written by hand from its source).
 *
 * It serves `/engines/v1/...`, `/engines/<engine>/v1/...` and the `/v1/...` alias on TCP (127.0.0.1), and, when
 * `socketPath` is given, the same under Docker Desktop's `/exp/vDD4.40` prefix on a UNIX socket.
 */
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';
import { loadRecording } from './recording.js';
import { route } from './routes.js';

/** Docker Desktop's prefix for Model Runner on the Docker socket. */
export const DESKTOP_PREFIX = '/exp/vDD4.40';

/**
 * @typedef {import('./routes.js').ReplayRequest & { recording: string, transport: 'tcp' | 'socket', url: string }} LoggedRequest
 */

/**
 * @typedef {object} ReplayOptions
 * @property {string} [socketPath] also listen on this UNIX socket (requests there must carry `/exp/vDD4.40`)
 * @property {boolean} [tcp] listen on TCP 127.0.0.1 (default true)
 * @property {string} [apiKey] require `Authorization: Bearer <apiKey>` (answers the recorded 401s otherwise)
 * @property {number} [chunkDelayMs] wait this long between streamed chunks (default 0: write them as fast as possible)
 */

/**
 * @typedef {object} ReplayServer
 * @property {string} url `http://127.0.0.1:<port>` (empty when `tcp` is false)
 * @property {string | undefined} socketPath the UNIX socket, when one was asked for
 * @property {LoggedRequest[]} requests every request received, oldest first
 * @property {(name: string, when?: (request: import('./routes.js').ReplayRequest) => boolean) => void} force answer the
 *   next request that `when` accepts (default: the next POST, so discovery probes pass) with this recording
 * @property {() => Promise<void>} close stop listening and drop open connections
 */

/**
 * Removes the Model Runner prefixes: `/exp/vDD4.40` (socket only), `/engines[/<engine>]` before `/v1`.
 * @param {string} url
 * @param {'tcp' | 'socket'} transport
 * @returns {string | undefined} the canonical path, or undefined when the socket path lacks its prefix
 */
export function canonicalPath(url, transport) {
  let path = (url.split('?')[0] ?? '/').replace(/\/+$/, '') || '/';
  if (transport === 'socket') {
    if (!path.startsWith(`${DESKTOP_PREFIX}/`)) return undefined;
    path = path.slice(DESKTOP_PREFIX.length);
  }
  const engines = /^\/engines(?:\/[A-Za-z0-9._-]+)?(\/v1\/.*)$/.exec(path);
  return engines?.[1] ?? path;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes a recording to the response, chunk by chunk.
 * @param {import('node:http').ServerResponse} res
 * @param {string} name
 * @param {number} delayMs
 */
async function replay(res, name, delayMs) {
  const recording = loadRecording(name);
  res.writeHead(recording.status, recording.statusText, recording.headers);
  if (typeof res.flushHeaders === 'function') res.flushHeaders();
  for (const [i, chunk] of recording.chunks.entries()) {
    if (res.destroyed) return;
    if (i > 0 && delayMs > 0) await sleep(delayMs);
    res.write(chunk);
  }
  res.end();
}

/**
 * Reads a request's body.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
async function readBody(req) {
  const parts = [];
  for await (const part of req) parts.push(part);
  return Buffer.concat(parts).toString('utf8');
}

/** @param {string} text */
function parseJson(text) {
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The recording an unauthorised request gets, or undefined when it may pass.
 * @param {string | undefined} apiKey
 * @param {string | undefined} authorization
 * @param {string} path
 */
function authRecording(apiKey, authorization, path) {
  if (apiKey === undefined || !path.startsWith('/v1/chat') ) return undefined;
  if (authorization === undefined) return 'auth-missing';
  return authorization === `Bearer ${apiKey}` ? undefined : 'auth-wrong';
}

/**
 * Starts a replay server.
 * @param {ReplayOptions} [options]
 * @returns {Promise<ReplayServer>}
 */
export async function startReplayServer(options = {}) {
  /** @type {LoggedRequest[]} */
  const requests = [];
  /** @type {{ name: string, when: (request: import('./routes.js').ReplayRequest) => boolean }[]} */
  const forced = [];
  const delayMs = options.chunkDelayMs ?? 0;

  /** @param {'tcp' | 'socket'} transport */
  const handler = (transport) => async (/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) => {
    req.socket.setNoDelay(true);
    const rawBody = await readBody(req);
    const method = req.method ?? 'GET';
    const path = canonicalPath(req.url ?? '/', transport);
    const body = parseJson(rawBody);
    const base = { method, path: path ?? req.url ?? '/', body, rawBody, headers: req.headers };
    const forcedAt = forced.findIndex((f) => f.when(base));
    const recording =
      (forcedAt >= 0 ? forced.splice(forcedAt, 1)[0]?.name : undefined) ??
      (path === undefined ? 'dmr-page-not-found' : authRecording(options.apiKey, req.headers.authorization, path) ?? route(base));
    requests.push({ ...base, recording, transport, url: req.url ?? '/' });
    await replay(res, recording, delayMs);
  };

  /** @type {import('node:http').Server[]} */
  const servers = [];
  let url = '';
  if (options.tcp !== false) {
    const tcp = createServer(handler('tcp'));
    await new Promise((resolve) => tcp.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = tcp.address();
    url = typeof address === 'object' && address !== null ? `http://127.0.0.1:${address.port}` : '';
    servers.push(tcp);
  }
  if (options.socketPath !== undefined) {
    rmSync(options.socketPath, { force: true });
    const unix = createServer(handler('socket'));
    await new Promise((resolve) => unix.listen(options.socketPath, () => resolve(undefined)));
    servers.push(unix);
  }

  return {
    url,
    socketPath: options.socketPath,
    requests,
    force: (name, when = (request) => request.method === 'POST') => {
      loadRecording(name);
      forced.push({ name, when });
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve(undefined));
            }),
        ),
      );
    },
  };
}
