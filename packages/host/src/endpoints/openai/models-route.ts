import type { ServerResponse } from 'node:http';
import type { ModelAliases } from './model-aliases.js';
import { sendOpenAiError } from './openai-error.js';
import type { ProviderSource, SourceModel } from './provider-source.js';

/** An entry of `GET /v1/models`. */
interface ModelEntry {
  readonly id: string;
  readonly object: 'model';
  readonly created: number;
  readonly owned_by: string;
}

/** One published model as an OpenAI model entry. */
function entryOf(model: SourceModel, id: string = model.id): ModelEntry {
  return { id, object: 'model', created: model.created ?? 0, owned_by: model.plugin ?? model.ownedBy ?? id.split('/')[0] ?? 'berth' };
}

/** `GET /v1/models`: every provider's models as `<plugin>/<model>`, then the aliases of models that exist. */
export async function listModels(source: ProviderSource, aliases: ModelAliases, signal: AbortSignal): Promise<{ object: 'list'; data: ModelEntry[] }> {
  const models = await source.listModels({ signal });
  const byId = new Map(models.map((m) => [m.id, m]));
  const aliased = Object.entries(aliases).flatMap(([alias, target]) => {
    const model = byId.get(target);
    return model !== undefined && !byId.has(alias) ? [entryOf(model, alias)] : [];
  });
  return { object: 'list', data: [...models.map((m) => entryOf(m)), ...aliased] };
}

/** `GET /v1/models/<id>`: the entry, or a 404 in the OpenAI shape. */
export function answerModel(res: ServerResponse, list: { readonly data: readonly ModelEntry[] }, id: string): void {
  const entry = list.data.find((m) => m.id === id);
  if (entry !== undefined) return sendJson(res, 200, entry);
  sendOpenAiError(res, {
    status: 404,
    body: { error: { message: `The model '${id}' does not exist (GET /v1/models lists them as <plugin>/<model>)`, type: 'invalid_request_error', code: 'model_not_found', param: 'model' } },
    headers: {},
  });
}

/** Writes a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
