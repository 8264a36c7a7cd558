import type { ModelRunnerConnection } from '../discovery/connection.js';
import { parseErrorBody } from '../errors/server-error.js';
import { fromServerReport, toProviderError } from '../errors/to-provider-error.js';

/** Sends a request to Model Runner's own API; a non-2xx answer (plain text or JSON) throws a typed error. */
export async function runnerRequest(
  connection: ModelRunnerConnection,
  path: string,
  init: RequestInit & { readonly model?: string },
): Promise<Response> {
  const { model, ...request } = init;
  const context = { provider: 'docker-llm', where: connection.location.label, ...(model !== undefined ? { model } : {}) };
  let res: Response;
  try {
    res = await connection.fetch(connection.url(path), request);
  } catch (error) {
    throw toProviderError(error, context);
  }
  if (res.ok) return res;
  throw fromServerReport(parseErrorBody(res.status, await res.text()), context);
}
