/**
 * `@berth/plugin-docker-llm`: the Docker LLM core plugin — an LLM provider for Docker Model Runner (llama.cpp behind
 * an OpenAI-compatible API) and Model Runner's model management, for `berth models list|pull|rm`.
 * @packageDocumentation
 */
import { dockerLlmPlugin } from './plugin.js';

export default dockerLlmPlugin;
export { dockerLlmPlugin } from './plugin.js';
export { createDockerLlmProvider } from './provider.js';
export type { DockerLlmProvider, DockerLlmProviderOptions } from './provider.js';
export { readSettings } from './settings.js';
export type { DockerLlmSettings } from './settings.js';
export { parseErrorBody, classifyServerError } from './errors/server-error.js';
export type { ServerErrorReport } from './errors/server-error.js';
export { toProviderError } from './errors/to-provider-error.js';
export { createSocketFetch } from './discovery/socket-fetch.js';
export { DESKTOP_SOCKET_PREFIX, DEFAULT_PORT } from './discovery/location.js';
export * from './models/index.js';
