import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createParser } from 'eventsource-parser';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { WireChunkText } from '@berth/sdk';
import type { ModelRunnerConnection } from '../discovery/connection.js';
import type { OpenAiClientOptions } from './client.js';

/** Kept-alive connections to Model Runner, as the openai client's fetch keeps them. */
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** The JSON of a server's error body, or undefined for plain text (Model Runner's own errors). */
function jsonOf(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A response's headers as web `Headers` (for the error's `Retry-After`). */
function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  return headers;
}

/** The whole body of a response, as text. */
async function textOf(res: IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  let text = '';
  for await (const piece of res) text += piece as string;
  return text;
}

/**
 * Cuts `req` (and so its response) when `signal` fires, as node:http's own `signal` option does, but with one
 * listener removed when the exchange is over instead of the stream-finished tracking that option sets up on every
 * request (measurable on the time to the first token).
 */
function cancelWith(req: ClientRequest, signal: AbortSignal): void {
  const cancel = (): void => void req.destroy(Object.assign(new Error('the call was cancelled', { cause: signal.reason }), { name: 'AbortError' }));
  if (signal.aborted) return cancel();
  signal.addEventListener('abort', cancel, { once: true });
  req.once('close', () => signal.removeEventListener('abort', cancel));
}

/**
 * POSTs a JSON body over node:http (TCP, or Model Runner's UNIX socket), failing as the openai client does: a
 * connection failure as `APIConnectionError`, no answer within `timeoutMs` as `APIConnectionTimeoutError`, a
 * cancelled call as an `AbortError`.
 */
function post(connection: ModelRunnerConnection, url: URL, body: string, apiKey: string, timeoutMs: number, signal?: AbortSignal): Promise<IncomingMessage> {
  const socketPath = connection.location.socketPath;
  const secure = url.protocol === 'https:' && socketPath === undefined;
  const headers = { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${apiKey}`, 'content-length': String(Buffer.byteLength(body)) };
  const options = {
    method: 'POST',
    path: `${url.pathname}${url.search}`,
    headers: socketPath !== undefined ? { ...headers, host: 'localhost' } : headers,
    ...(socketPath !== undefined ? { socketPath } : { hostname: url.hostname, port: url.port, agent: secure ? agents.https : agents.http }),
  };
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(options, resolve);
    req.setTimeout(timeoutMs, () => req.destroy(new APIConnectionTimeoutError({ message: `no answer within ${timeoutMs} ms` })));
    req.once('error', (error: Error) => {
      reject(error.name === 'AbortError' || error instanceof APIConnectionTimeoutError ? error : new APIConnectionError({ message: error.message, cause: error }));
    });
    if (signal !== undefined) cancelWith(req, signal);
    req.end(body);
  });
}

/** The chat URL of each connection (and engine), parsed once rather than per call. */
const chatUrls = new WeakMap<ModelRunnerConnection, Map<string, URL>>();

/** Model Runner's `/chat/completions` URL for `engine` on `connection`. */
function chatUrlOf(connection: ModelRunnerConnection, engine: string | undefined): URL {
  const byEngine = chatUrls.get(connection) ?? new Map<string, URL>();
  chatUrls.set(connection, byEngine);
  let url = byEngine.get(engine ?? '');
  if (url === undefined) {
    url = new URL(`${connection.openAiBaseUrl(engine)}/chat/completions`);
    byEngine.set(engine ?? '', url);
  }
  return url;
}

/**
 * Posts a streamed chat body to Model Runner's `/chat/completions` and yields each SSE event's `data` verbatim
 * until `[DONE]`: no openai client (nor web streams) in between. A refused request throws the openai `APIError`
 * the client would have thrown (same status, body and headers), so the provider's error mapping stays the one of
 * `stream`.
 */
export async function* streamWireChunks(
  connection: ModelRunnerConnection,
  body: object,
  options: OpenAiClientOptions,
  signal?: AbortSignal,
): AsyncGenerator<WireChunkText> {
  const url = chatUrlOf(connection, options.engine);
  const res = await post(connection, url, JSON.stringify(body), options.apiKey ?? 'docker-model-runner', options.timeoutMs ?? 600_000, signal);
  const status = res.statusCode ?? 500;
  if (status < 200 || status >= 300) {
    const text = await textOf(res).catch(() => '');
    const json = jsonOf(text);
    throw APIError.generate(status, json, json === undefined ? text : undefined, headersOf(res));
  }
  const events: string[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event.data) });
  let finished = false;
  res.setEncoding('utf8');
  try {
    for await (const piece of res.iterator({ destroyOnReturn: false })) {
      parser.feed(piece as string);
      for (let i = 0; i < events.length; i++) {
        const data = events[i] as string;
        if (data === '[DONE]') return void (finished = true);
        yield data;
      }
      events.length = 0;
    }
    finished = true;
  } finally {
    // Read to the end keeps the connection for the next call; a stream its caller left is cut.
    if (finished) res.resume();
    else res.destroy();
  }
}
