import type { JsonValue, PluginContext } from '@berth/sdk';

/** What a runner needs to know to start one plugin. */
export interface RunnablePlugin {
  /** The plugin's name. */
  readonly name: string;
  /** The plugin's version. */
  readonly version: string;
  /** The plugin's folder (absolute). */
  readonly dir: string;
  /** The entry module (absolute path inside {@link RunnablePlugin.dir}). */
  readonly main: string;
}

/** A started plugin, as its runner holds it. */
export interface PluginInstance {
  /** Calls the plugin's `dispose()` and releases its process or worker. Never throws. */
  stop(): Promise<void>;
  /** Registers a listener for an unexpected exit (crash); returns its removal. */
  onExit(listener: (reason: Error) => void): () => void;
  /**
   * Tells a plugin running elsewhere (a child process) that its effective settings changed, so its
   * `context.config` returns them. In-process tiers read the host's view directly and need not implement it.
   */
  updateConfig?(values: Readonly<Record<string, JsonValue>>): void;
  /** The id of the process it runs in, when it has one of its own (the process tier; bubblewrap's in bwrap mode). */
  readonly pid?: number | undefined;
  /** How many times it was restarted after a crash (supervised tiers). */
  readonly restarts?: number;
}

/**
 * How a plugin runs: the one seam between the lifecycle and the isolation tiers. A runner imports the plugin's
 * code wherever it runs (this process, a worker, a sandboxed child), calls `initialize` with a context that
 * behaves as `context` (the host-side authority: every permission check lives there), and resolves once
 * `initialize` has finished.
 */
export interface PluginRunner {
  /** The tier's name, shown by `berth doctor` and `berth plugins inspect`. */
  readonly tier: string;
  /** Starts the plugin; rejects with the plugin's own error when `initialize` fails. */
  start(plugin: RunnablePlugin, context: PluginContext): Promise<PluginInstance>;
}
