import { ModelPullError, isProviderError } from '@berth/sdk';
import type { ModelRunnerConnection } from '../discovery/connection.js';
import { runnerRequest } from './runner-request.js';

/** One progress event of a pull (a JSON line of `POST /models/create`). */
export interface PullProgress {
  /** `progress` while downloading, `warning` for a remark, `success` at the end. */
  readonly type: 'progress' | 'warning' | 'success';
  /** Model Runner's message, e.g. `Downloaded: 64.00 MB`. */
  readonly message: string;
  /** Bytes in all, when known. */
  readonly total?: number;
  /** Bytes downloaded so far, when known. */
  readonly pulled?: number;
  /** The layer being downloaded, when known. */
  readonly layer?: { readonly id: string; readonly size: number; readonly current: number };
}

/** A raw JSON line of the progress stream. */
interface ProgressLine {
  readonly type?: unknown;
  readonly message?: unknown;
  readonly total?: unknown;
  readonly pulled?: unknown;
  readonly layer?: { readonly id?: unknown; readonly size?: unknown; readonly current?: unknown };
}

/** The lines of a streamed body, as they arrive. */
async function* linesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(bytes, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    yield* lines.filter((l) => l.trim() !== '');
  }
  if (pending.trim() !== '') yield pending;
}

/** A number field, or undefined. */
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One line as an event; an `error` line throws. */
function eventOf(model: string, line: string): PullProgress {
  let parsed: ProgressLine;
  try {
    parsed = JSON.parse(line) as ProgressLine;
  } catch {
    return { type: 'progress', message: line.trim() };
  }
  const message = typeof parsed.message === 'string' ? parsed.message : '';
  if (parsed.type === 'error') throw new ModelPullError(model, message, { provider: 'docker-llm' });
  const type = parsed.type === 'success' || parsed.type === 'warning' ? parsed.type : 'progress';
  const layer = parsed.layer;
  const total = num(parsed.total) ?? num(layer?.size);
  const pulled = num(parsed.pulled) ?? num(layer?.current);
  return {
    type,
    message,
    ...(total !== undefined ? { total } : {}),
    ...(pulled !== undefined ? { pulled } : {}),
    ...(layer !== undefined && typeof layer.id === 'string'
      ? { layer: { id: layer.id, size: num(layer.size) ?? 0, current: num(layer.current) ?? 0 } }
      : {}),
  };
}

/** The request; a refused pull (plain text 404, 400, …) becomes a {@link ModelPullError}. */
async function startPull(connection: ModelRunnerConnection, model: string, signal: AbortSignal | undefined): Promise<Response> {
  try {
    return await runnerRequest(connection, '/models/create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: model }),
      model,
      ...(signal !== undefined ? { signal } : {}),
    });
  } catch (error) {
    if (!isProviderError(error)) throw error;
    const status = error.status;
    throw new ModelPullError(model, `${status !== undefined ? `HTTP ${status}: ` : ''}${error.serverMessage}`, {
      provider: 'docker-llm',
      ...(status !== undefined ? { status } : {}),
    });
  }
}

/**
 * Pulls a model through Model Runner (`POST /models/create`), yielding its progress events as they arrive. Ends
 * after the `success` event; throws a {@link ModelPullError} when the server refuses the pull, reports an error
 * line, or the stream ends without success.
 */
export async function* pullModel(
  connection: ModelRunnerConnection,
  model: string,
  options: { readonly signal?: AbortSignal } = {},
): AsyncGenerator<PullProgress> {
  const res = await startPull(connection, model, options.signal);
  if (res.body === null) throw new ModelPullError(model, 'Model Runner answered without a body', { provider: 'docker-llm' });
  let succeeded = false;
  for await (const line of linesOf(res.body)) {
    const event = eventOf(model, line);
    if (event.type === 'success') succeeded = true;
    yield event;
  }
  if (!succeeded) throw new ModelPullError(model, 'the progress stream ended before the pull succeeded', { provider: 'docker-llm' });
}
