import type { ModelRunnerConnection } from '../discovery/connection.js';
import { parseErrorBody } from '../errors/server-error.js';
import { fromServerReport, toProviderError } from '../errors/to-provider-error.js';

/** Sends a request to Model Runner's own API; a non-2xx answer (plain text or JSON) throws a typed error. */
export async function runnerRequest(
  connection: ModelRunnerConnection,
  path: string,
  init: RequestInit & { readonly model?: string },
): Promise<Response> {
  let res: Response;
  try {
    res = await connection.fetch(connection.url(path), init);
  } catch (error) {
    throw toProviderError(error, { provider: 'docker-llm', where: connection.location.label, ...(init.model !== undefined ? { model: init.model } : {}) });
  }
  if (res.ok) return res;
  const report = parseErrorBody(res.status, await res.text());
  throw fromServerReport(report, { provider: 'docker-llm', where: connection.location.label, ...(init.model !== undefined ? { model: init.model } : {}) });
}
