import fs from 'node:fs';
import os from 'node:os';
import { PluginCrashLoopError, type PluginContext, type PluginManifest } from '@berth/sdk';
import type { PluginInstance, PluginRunner, RunnablePlugin } from '../sandbox/runner.js';
import { McpPluginConnection } from './connection.js';
import type { McpServerLauncher } from './launcher.js';
import { restartWithBackoff, type McpRestartPolicy } from './restart-with-backoff.js';
import { mcpServerTargetOf } from './server-spec.js';

/** Options of {@link McpPluginRunner}. */
export interface McpPluginRunnerOptions {
  /** Starts command-type servers (default: a plain spawn; the sandbox supplies a confining one). */
  readonly launcher?: McpServerLauncher;
  /** Builds the launcher per start, from the plugin and its context (the host's sandboxed launcher). */
  readonly launcherFor?: (plugin: RunnablePlugin, context: PluginContext) => McpServerLauncher;
  /** Restart backoff and crash-loop limits. */
  readonly restart?: McpRestartPolicy;
  /** How the server runs, as `berth doctor` shows it (default `mcp server`). */
  readonly tier?: string;
  /** Extra environment for the server (e.g. `DOCKER_HOST` pointing at the plugin's Docker policy socket). */
  readonly env?: (plugin: string) => Readonly<Record<string, string>>;
  /** The value of `${workspace}` in the server's args and env (unset: a server using it fails to start, saying so). */
  readonly workspace?: string;
}

/**
 * How an `mcp` plugin runs: the host starts (or reaches) the plugin's MCP server and is its client; the server's
 * tools are registered through the plugin's own context (so they are namespaced, guarded and removed with it).
 * The plugin's settings reach a started server as `BERTH_SETTINGS` (JSON); `${pluginData}` and the other scope
 * variables are substituted in its `args` and `env`. A server that dies is restarted with
 * backoff; a crash loop ends the instance with `PluginCrashLoopError`.
 */
export class McpPluginRunner implements PluginRunner {
  /** @inheritdoc */
  readonly tier: string;
  readonly #manifest: PluginManifest;
  readonly #options: McpPluginRunnerOptions;

  /**
   * @param manifest - the plugin's manifest (its `main` or `server`)
   * @param options - launcher, restart policy, extra environment
   */
  constructor(manifest: PluginManifest, options: McpPluginRunnerOptions = {}) {
    this.#manifest = manifest;
    this.#options = options;
    this.tier = options.tier ?? 'mcp server';
  }

  /** @inheritdoc */
  async start(plugin: RunnablePlugin, context: PluginContext): Promise<PluginInstance> {
    const settings = context.config.all();
    // The data folder exists before the server starts, under its real path (the one the sandbox confines to).
    fs.mkdirSync(context.dataDir, { recursive: true });
    const target = mcpServerTargetOf(this.#manifest, plugin.dir, {
      settings,
      pluginData: fs.realpathSync(context.dataDir),
      home: os.homedir(),
      tmp: os.tmpdir(),
      ...(this.#options.workspace !== undefined ? { workspace: this.#options.workspace } : {}),
    });
    const server =
      target.kind === 'command'
        ? { ...target, env: { ...target.env, BERTH_SETTINGS: JSON.stringify(settings), ...this.#options.env?.(plugin.name) } }
        : target;
    const launcher = this.#options.launcherFor?.(plugin, context) ?? this.#options.launcher;
    const connection = new McpPluginConnection({
      plugin: plugin.name,
      server,
      logger: context.logger,
      ...(launcher !== undefined ? { launcher } : {}),
      registerTool: (_plugin, definition) => context.tools.register(definition),
    });
    await connection.connect();
    const listeners = new Set<(reason: Error) => void>();
    const stopWatching = restartWithBackoff(connection, context.logger, this.#options.restart, (crashes) => {
      const error = new PluginCrashLoopError(plugin.name, crashes, this.#options.restart?.windowMs ?? 60_000);
      for (const listener of listeners) listener(error);
    });
    return {
      stop: async () => {
        stopWatching();
        await connection.close();
      },
      onExit: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }
}
