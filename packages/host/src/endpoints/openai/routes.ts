import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerChat, streamChat } from './chat-route.js';
import { asWireChatBody, chatBodySchema, checkBody, embeddingsBodySchema } from './body-schemas.js';
import { answerEmbeddings } from './embeddings-route.js';
import { resolveModel } from './model-aliases.js';
import type { ModelAliases } from './model-aliases.js';
import { answerModel, listModels, sendJson } from './models-route.js';
import { sendOpenAiError, toOpenAiError } from './openai-error.js';
import type { ProviderSource } from './provider-source.js';
import { readJsonBody } from './request-body.js';

/** Options of {@link createOpenAiRoutes}. */
export interface OpenAiRoutesOptions {
  /** Where the routes live (default `/v1`). */
  readonly basePath?: string;
  /**
   * Checks the caller (e.g. the bearer token), when the server in front does not already. Answering `false` gets
   * a 401 in the OpenAI error shape.
   */
  readonly authorize?: (req: IncomingMessage) => boolean | Promise<boolean>;
  /** Model aliases from the configuration: alias → `<plugin>/<model>`. */
  readonly aliases?: ModelAliases;
  /** The largest request body accepted, in bytes (default 16 MiB). */
  readonly maxBodyBytes?: number;
}

/** A mounted handler: answers and resolves `true` when the request is its own, else `false` untouched. */
export type OpenAiRouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** An AbortSignal that fires when the client goes away before the answer is complete. */
function disconnectSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('the client closed the connection'));
  });
  return controller.signal;
}

/** The model id of `GET /v1/models/<id>` (decoded; it may hold slashes). */
function modelIdOf(req: IncomingMessage, base: string): string {
  const path = pathOf(req.url);
  return decodeURIComponent(path.slice(`${base}/models/`.length));
}

/** The routes served. */
type Route = 'models' | 'model' | 'chat' | 'embeddings' | 'method';

/** The method and route of each fixed path under the base. */
type RouteTable = Readonly<Record<string, readonly ['GET' | 'POST', Exclude<Route, 'method'>]>>;

/** The fixed paths under `base` (built once per mount, not per request). */
function routeTable(base: string): RouteTable {
  return {
    [`${base}/models`]: ['GET', 'models'],
    [`${base}/chat/completions`]: ['POST', 'chat'],
    [`${base}/embeddings`]: ['POST', 'embeddings'],
  };
}

/** The route a method and path name, if any (`/v1/models/<id>`, where the id may hold slashes, is `model`). */
function routeOf(method: string, path: string, base: string, known: RouteTable): Route | undefined {
  const entry = known[path] ?? (path.startsWith(`${base}/models/`) ? (['GET', 'model'] as const) : undefined);
  if (entry === undefined) return undefined;
  return entry[0] === method ? entry[1] : 'method';
}

/** A request target that URL parsing would leave as it is: plain segments, at most one trailing slash, any query. */
const PLAIN_PATH = /^(?:\/[\w-]+)*\/?(?=\?|$)/;

/** The path of a request target, without its query and trailing slashes (URL-normalised unless it is plain). */
function pathOf(target: string | undefined): string {
  const plain = PLAIN_PATH.exec(target ?? '/');
  const path = plain !== null && plain[0] !== '' ? plain[0] : new URL(target ?? '/', 'http://localhost').pathname;
  return path.replace(/\/+$/, '');
}

/**
 * The OpenAI-compatible routes of `berth serve`: `GET /v1/models` (and `/v1/models/<id>`), `POST /v1/chat/completions` (streamed or not,
 * tools, `response_format`), `POST /v1/embeddings`, answered from a {@link ProviderSource}. Errors come back in the
 * OpenAI shape `{ error: { message, type, code, param } }` with the matching HTTP status.
 */
export function createOpenAiRoutes(source: ProviderSource, options: OpenAiRoutesOptions = {}): OpenAiRouteHandler {
  const base = (options.basePath ?? '/v1').replace(/\/+$/, '');
  const aliases = options.aliases ?? {};
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const known = routeTable(base);

  return async (req, res) => {
    const route = routeOf(req.method ?? 'GET', pathOf(req.url), base, known);
    if (route === undefined) return false;
    try {
      await answer(route, req, res);
    } catch (error) {
      if (!res.headersSent) sendOpenAiError(res, toOpenAiError(error));
      else if (!res.writableEnded) res.end();
    }
    return true;
  };

  async function answer(route: Route, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.authorize !== undefined && !(await options.authorize(req))) {
      req.resume();
      return sendOpenAiError(res, {
        status: 401,
        body: { error: { message: 'a bearer token is required: send "Authorization: Bearer <token>" (berth serve prints where the token is)', type: 'authentication_error', code: 'invalid_api_key', param: null } },
        headers: { 'www-authenticate': 'Bearer realm="berth"' },
      });
    }
    if (route === 'method') {
      req.resume();
      return sendOpenAiError(res, { status: 405, body: { error: { message: `${req.method ?? ''} is not allowed on ${req.url ?? ''}`, type: 'invalid_request_error', code: 'method_not_allowed', param: null } }, headers: {} });
    }
    const signal = disconnectSignal(res);
    if (route === 'models') return sendJson(res, 200, await listModels(source, aliases, signal));
    if (route === 'model') return answerModel(res, await listModels(source, aliases, signal), modelIdOf(req, base));
    const body = await readJsonBody(req, limit);
    if (!body.ok) return sendOpenAiError(res, body.answer);
    if (route === 'embeddings') {
      const checked = checkBody(embeddingsBodySchema, body.value);
      if (!checked.ok) return sendOpenAiError(res, checked.answer);
      return answerEmbeddings(source, res, checked.value, resolveModel(aliases, checked.value.model), signal);
    }
    const checked = checkBody(chatBodySchema, body.value);
    if (!checked.ok) return sendOpenAiError(res, checked.answer);
    const wire = asWireChatBody(checked.value);
    const modelId = resolveModel(aliases, wire.model);
    return wire.stream === true ? streamChat(source, res, wire, modelId, signal) : answerChat(source, res, wire, modelId, signal);
  }
}
