import { PluginCrashLoopError, type JsonValue, type PluginContext } from '@berth/sdk';
import type { PluginInstance, PluginRunner, RunnablePlugin } from './runner.js';

/** Options of {@link Supervisor}. */
export interface SupervisorOptions {
  /** Crashes within {@link SupervisorOptions.windowMs} that make a crash loop (default 5). */
  readonly maxCrashes?: number;
  /** The crash-counting window (ms, default 60 000). */
  readonly windowMs?: number;
  /** The first restart delay (ms, default 200); doubles after each crash in the window. */
  readonly backoffMs?: number;
  /** The longest restart delay (ms, default 30 000). */
  readonly maxBackoffMs?: number;
  /** Told about every crash, restart and crash loop (e.g. to log them or move the plugin's state). */
  readonly onEvent?: (event: SupervisorEvent) => void;
}

/** What the supervisor reports. */
export type SupervisorEvent =
  | { readonly type: 'crashed'; readonly plugin: string; readonly error: Error; readonly crashes: number; readonly restartInMs: number }
  | { readonly type: 'restarted'; readonly plugin: string }
  | { readonly type: 'crashed-loop'; readonly plugin: string; readonly error: PluginCrashLoopError };

/** The state of a supervised plugin. */
export type SupervisedState = 'running' | 'restarting' | 'crashed-loop' | 'stopped';

/**
 * Crash containment around any runner: a plugin whose process ends unexpectedly is restarted with exponential
 * backoff (its calls in flight have already been rejected by the tier); after `maxCrashes` crashes within
 * `windowMs` it is marked crashed-loop and stays down — its `onExit` listeners then receive a
 * `PluginCrashLoopError`. Until then, `onExit` stays quiet: the lifecycle sees one long-lived instance.
 */
export class Supervisor implements PluginRunner {
  /** @inheritdoc */
  readonly tier: string;
  readonly #runner: PluginRunner;
  readonly #options: Required<Omit<SupervisorOptions, 'onEvent'>> & Pick<SupervisorOptions, 'onEvent'>;

  /**
   * @param runner - the tier to supervise
   * @param options - crash-loop limits, backoff and the event listener
   */
  constructor(runner: PluginRunner, options: SupervisorOptions = {}) {
    this.#runner = runner;
    this.tier = runner.tier;
    this.#options = {
      maxCrashes: options.maxCrashes ?? 5,
      windowMs: options.windowMs ?? 60_000,
      backoffMs: options.backoffMs ?? 200,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      ...(options.onEvent !== undefined ? { onEvent: options.onEvent } : {}),
    };
  }

  /** Starts the plugin (rejecting as the tier does when the first start fails) and supervises it. */
  async start(plugin: RunnablePlugin, context: PluginContext): Promise<SupervisedInstance> {
    const first = await this.#runner.start(plugin, context);
    return new SupervisedInstance(plugin, first, () => this.#runner.start(plugin, context), this.#options);
  }
}

/** A plugin under a {@link Supervisor}: the current instance changes with each restart. */
export class SupervisedInstance implements PluginInstance {
  readonly #plugin: RunnablePlugin;
  readonly #restart: () => Promise<PluginInstance>;
  readonly #options: Required<Omit<SupervisorOptions, 'onEvent'>> & Pick<SupervisorOptions, 'onEvent'>;
  readonly #listeners = new Set<(reason: Error) => void>();
  readonly #crashes: number[] = [];
  #current: PluginInstance | undefined;
  #state: SupervisedState = 'running';
  #restarts = 0;
  #timer: NodeJS.Timeout | undefined;

  /** @internal */
  constructor(
    plugin: RunnablePlugin,
    first: PluginInstance,
    restart: () => Promise<PluginInstance>,
    options: Required<Omit<SupervisorOptions, 'onEvent'>> & Pick<SupervisorOptions, 'onEvent'>,
  ) {
    this.#plugin = plugin;
    this.#restart = restart;
    this.#options = options;
    this.#adopt(first);
  }

  /** The state: running, restarting (waiting out the backoff), crashed-loop or stopped. */
  get state(): SupervisedState {
    return this.#state;
  }

  /** The instance running now, if any. */
  get current(): PluginInstance | undefined {
    return this.#current;
  }

  /** The process id of the instance running now, if it has one. */
  get pid(): number | undefined {
    return this.#current?.pid;
  }

  /** How many times the plugin was restarted after a crash. */
  get restarts(): number {
    return this.#restarts;
  }

  /** @inheritdoc */
  async stop(): Promise<void> {
    this.#state = 'stopped';
    clearTimeout(this.#timer);
    const current = this.#current;
    this.#current = undefined;
    await current?.stop();
  }

  /** @inheritdoc */
  updateConfig(values: Readonly<Record<string, JsonValue>>): void {
    this.#current?.updateConfig?.(values);
  }

  /** @inheritdoc — called once, with a `PluginCrashLoopError`, when the plugin goes crashed-loop. */
  onExit(listener: (reason: Error) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #adopt(instance: PluginInstance): void {
    this.#current = instance;
    instance.onExit((error) => this.#crashed(instance, error));
  }

  #crashed(instance: PluginInstance, error: Error): void {
    if (this.#current !== instance || this.#state === 'stopped') return;
    this.#current = undefined;
    const now = Date.now();
    this.#crashes.push(now);
    while (this.#crashes.length > 0 && (this.#crashes[0] as number) < now - this.#options.windowMs) this.#crashes.shift();
    const count = this.#crashes.length;
    if (count >= this.#options.maxCrashes) return this.#giveUp(count, error);
    const delay = Math.min(this.#options.backoffMs * 2 ** (count - 1), this.#options.maxBackoffMs);
    this.#state = 'restarting';
    this.#options.onEvent?.({ type: 'crashed', plugin: this.#plugin.name, error, crashes: count, restartInMs: delay });
    this.#timer = setTimeout(() => void this.#tryRestart(), delay);
  }

  async #tryRestart(): Promise<void> {
    if (this.#state !== 'restarting') return;
    try {
      const next = await this.#restart();
      if (this.#state !== 'restarting') return void (await next.stop());
      this.#state = 'running';
      this.#restarts += 1;
      this.#adopt(next);
      this.#options.onEvent?.({ type: 'restarted', plugin: this.#plugin.name });
    } catch (error) {
      const placeholder: PluginInstance = { stop: async () => undefined, onExit: () => () => undefined };
      this.#current = placeholder;
      this.#crashed(placeholder, error instanceof Error ? error : new Error(String(error)));
    }
  }

  #giveUp(count: number, last: Error): void {
    this.#state = 'crashed-loop';
    const error = new PluginCrashLoopError(this.#plugin.name, count, this.#options.windowMs, last);
    this.#options.onEvent?.({ type: 'crashed-loop', plugin: this.#plugin.name, error });
    for (const listener of [...this.#listeners]) listener(error);
  }
}
