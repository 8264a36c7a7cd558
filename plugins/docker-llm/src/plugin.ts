import { definePlugin } from '@berth/sdk';
import type { PluginContext } from '@berth/sdk';
import { createDockerLlmProvider } from './provider.js';
import { readSettings } from './settings.js';

/** Registers the Docker Model Runner provider, configured from the plugin's settings, and reports where it is. */
function initialize(context: PluginContext): void {
  const settings = readSettings(context.config);
  const provider = createDockerLlmProvider({
    name: context.plugin.name,
    discovery: settings.baseUrl !== undefined ? { baseUrl: settings.baseUrl } : {},
    ...(settings.engine !== undefined ? { engine: settings.engine } : {}),
    ...(settings.apiKey !== undefined ? { apiKey: settings.apiKey } : {}),
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
    onLocated: (connection) =>
      context.logger.info(
        { source: connection.location.source, baseUrl: connection.location.baseUrl },
        `using Docker Model Runner at ${connection.location.label}`,
      ),
  });
  context.providers.register(provider);
  provider.connect().catch((error: unknown) => context.logger.warn(error instanceof Error ? error.message : String(error)));
}

/** The Docker LLM plugin: an LLM provider for Docker Model Runner. */
export const dockerLlmPlugin = definePlugin({ name: 'docker-llm', initialize });
