import type { ModelRunnerConnection } from '../discovery/connection.js';
import { runnerRequest } from './runner-request.js';

/** A model stored by Model Runner (an entry of its `GET /models`). */
export interface LocalModel {
  /** The content digest, e.g. `sha256:…`. */
  readonly id: string;
  /** Its names, e.g. `ai/smollm2:latest`. */
  readonly tags: readonly string[];
  /** Unix seconds when it was pulled. */
  readonly created?: number;
  /** Format, quantization, parameters, size, architecture — as Model Runner reports them. */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** Lists the models Model Runner has stored (`GET /models`). */
export async function listLocalModels(connection: ModelRunnerConnection, options: { readonly signal?: AbortSignal } = {}): Promise<LocalModel[]> {
  const res = await runnerRequest(connection, '/models', { method: 'GET', ...(options.signal !== undefined ? { signal: options.signal } : {}) });
  const entries = (await res.json()) as unknown;
  if (!Array.isArray(entries)) return [];
  return entries.map((e: Record<string, unknown>) => ({
    id: String(e['id'] ?? ''),
    tags: Array.isArray(e['tags']) ? e['tags'].map(String) : [],
    ...(typeof e['created'] === 'number' ? { created: e['created'] } : {}),
    ...(typeof e['config'] === 'object' && e['config'] !== null ? { config: e['config'] as Record<string, unknown> } : {}),
  }));
}

/** Removes a stored model (`DELETE /models/<name>`); `force` removes it even when in use. */
export async function removeModel(
  connection: ModelRunnerConnection,
  model: string,
  options: { readonly force?: boolean; readonly signal?: AbortSignal } = {},
): Promise<void> {
  const path = `/models/${model.split('/').map(encodeURIComponent).join('/')}${options.force === true ? '?force=true' : ''}`;
  const res = await runnerRequest(connection, path, { method: 'DELETE', model, ...(options.signal !== undefined ? { signal: options.signal } : {}) });
  await res.body?.cancel();
}
