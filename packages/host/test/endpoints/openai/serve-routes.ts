import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAiRoutes, createStaticProviderSource } from '@berth/host';
import type { OpenAiRoutesOptions } from '@berth/host';
import { createDockerLlmProvider } from '../../../../../plugins/docker-llm/src/index.js';
import type { DiscoveryOptions } from '../../../../../plugins/docker-llm/src/index.js';

/** The token the test server checks. */
export const TOKEN = 'berth-test-token';

/** A node:http server on 127.0.0.1 serving the OpenAI routes over the Docker LLM provider (in process). */
export interface ServedRoutes {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the routes for a Docker LLM provider found with `discovery`. */
export async function serveRoutes(discovery: DiscoveryOptions, options: OpenAiRoutesOptions = {}): Promise<ServedRoutes> {
  const provider = createDockerLlmProvider({ discovery });
  const routes = createOpenAiRoutes(createStaticProviderSource({ 'docker-llm': provider }), {
    authorize: (req) => req.headers.authorization === `Bearer ${TOKEN}`,
    ...options,
  });
  const server: Server = createServer((req, res) => {
    void routes(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
