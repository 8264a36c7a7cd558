// @ts-check
/**
 * Which recording answers which request: matched on method, path (after the Model Runner prefixes are removed)
 * and the request body's shape, the way the recordings were made (see fixtures/requests.sh).
 */

/** Models the simulated Model Runner has (its `/models` list). */
export const KNOWN_MODELS = ['ai/tiny-test', 'ai/tiny-test:latest', 'tiny-test', 'ai/tiny-embed', 'ai/tiny-embed:latest'];

/** Models that `/models/create` can pull (`ai/broken` fails halfway, anything else is not found). */
export const PULLABLE = ['ai/tiny-test', 'ai/smollm2', 'ai/broken'];

/**
 * @typedef {object} ReplayRequest
 * @property {string} method
 * @property {string} path the path with the Model Runner prefixes removed, e.g. `/v1/chat/completions`
 * @property {any} body the parsed JSON body, or `undefined`
 * @property {string} rawBody the body as sent
 * @property {Record<string, string | string[] | undefined>} headers
 */

/** @param {any} body */
const hasToolResult = (body) => Array.isArray(body?.messages) && body.messages.some((/** @type {any} */ m) => m?.role === 'tool');

/** @param {any} body */
const promptLength = (body) => JSON.stringify(body?.messages ?? '').length;

/**
 * The recording for a streamed chat.
 * @param {any} body
 */
function streamedChat(body) {
  if (Array.isArray(body.tools) && body.tools.length > 0) {
    return hasToolResult(body) ? 'tools-result-followup-stream' : 'tools-auto-stream';
  }
  // chat-stream-usage was recorded with max_tokens 4 and include_usage; a provider always asks for usage, so the
  // length limit tells the two recordings apart.
  return body.stream_options?.include_usage === true && typeof body.max_tokens === 'number' ? 'chat-stream-usage' : 'chat-stream';
}

/**
 * The recording for a chat with tools.
 * @param {any} body
 */
function toolChat(body) {
  if (hasToolResult(body)) return 'tools-result-followup';
  const choice = body.tool_choice;
  if (choice === 'required') return 'tools-required';
  if (choice === 'none') return 'tools-none';
  if (typeof choice === 'object' && choice !== null) return 'tools-named-choice';
  if (body.parallel_tool_calls === true) return 'tools-parallel';
  if (typeof body.max_tokens === 'number') return 'tools-max-tokens-5';
  return 'tools-auto';
}

/**
 * The recording for a plain chat.
 * @param {any} body
 */
function plainChat(body) {
  if (body.response_format?.type === 'json_schema') return 'chat-json-schema';
  if (body.response_format?.type === 'json_object') return 'chat-json-object';
  if (Array.isArray(body.stop) || typeof body.stop === 'string') return 'chat-stop-seq';
  if (typeof body.max_completion_tokens === 'number') return 'chat-max-completion-tokens-2';
  if (typeof body.max_tokens === 'number') return 'chat-max-tokens-3';
  if (body.messages.some((/** @type {any} */ m) => m?.role === 'developer')) return 'chat-developer-role';
  if (body.messages.some((/** @type {any} */ m) => Array.isArray(m?.content))) return 'chat-content-parts';
  return 'dmr-like-chat';
}

/**
 * The recording for `POST /v1/chat/completions`.
 * @param {any} body
 */
function chat(body) {
  if (body === undefined) return 'err-bad-json';
  if (typeof body.model !== 'string') return 'dmr-model-required';
  if (!KNOWN_MODELS.includes(body.model)) return 'dmr-model-not-found';
  if (!('messages' in body)) return 'err-missing-messages';
  if (!Array.isArray(body.messages)) return 'err-messages-not-array';
  if (promptLength(body) > 5000) return body.stream === true ? 'err-context-overflow-stream' : 'err-context-overflow';
  if (body.stream === true) return streamedChat(body);
  if (Array.isArray(body.tools) && body.tools.length > 0) return toolChat(body);
  return plainChat(body);
}

/**
 * The recording for `POST /v1/embeddings`.
 * @param {any} body
 */
function embeddings(body) {
  if (body === undefined) return 'err-bad-json';
  if (!KNOWN_MODELS.includes(body.model)) return 'dmr-model-not-found';
  if (!String(body.model).includes('embed')) return 'embeddings-not-enabled';
  if (body.encoding_format === 'base64') return 'emb-embeddings-base64';
  if (Array.isArray(body.input) && body.input.length > 1) return 'emb-embeddings-batch';
  if (body.input === '' || (Array.isArray(body.input) && body.input[0] === '')) return 'emb-empty-input';
  return 'emb-embeddings';
}

/**
 * The recording for a Model Runner model-management request, or undefined.
 * @param {ReplayRequest} request
 */
function management(request) {
  const { method, path, body } = request;
  if (method === 'GET' && path === '/models') return 'dmr-models-list';
  if (method === 'POST' && path === '/models/create') {
    const from = String(body?.from ?? '');
    if (from !== from.toLowerCase() || from.includes(' ')) return 'dmr-models-create-invalid-reference';
    if (from === 'ai/broken') return 'dmr-models-create-error';
    return PULLABLE.includes(from) ? 'dmr-models-create' : 'dmr-models-create-not-found';
  }
  if (method === 'DELETE' && path.startsWith('/models/')) {
    return KNOWN_MODELS.includes(decodeURIComponent(path.slice('/models/'.length))) ? 'dmr-models-delete' : 'dmr-model-not-found';
  }
  return undefined;
}

/**
 * The recording that answers a request.
 * @param {ReplayRequest} request
 * @returns {string}
 */
export function route(request) {
  const { method, path, body } = request;
  const managed = management(request);
  if (managed !== undefined) return managed;
  if (!path.startsWith('/v1/')) return 'dmr-page-not-found';
  if (method === 'GET' && path === '/v1/models') return 'dmr-like-models';
  if (method === 'POST' && path === '/v1/chat/completions') return chat(body);
  if (method === 'POST' && path === '/v1/embeddings') return embeddings(body);
  if (method === 'GET' && path === '/v1/chat/completions') return 'err-get-on-post-route';
  return 'err-unknown-path';
}
