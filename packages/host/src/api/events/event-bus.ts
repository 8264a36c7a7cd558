import type { HostEventMap, HostEventName, Logger } from '@berth/sdk';
import { isThenable } from '../timing/thenable.js';

/** A listener as the bus stores it. */
interface Listener {
  /** The plugin that listens (`(host)` for the host). */
  readonly plugin: string;
  /** The callback. */
  readonly listener: (payload: unknown) => unknown;
}

/** Options of {@link EventBus}. */
export interface EventBusOptions {
  /** Where listener failures are logged (with the listener's plugin). */
  readonly logger: Logger;
}

/**
 * The host's event emitter: host events (`HostEventMap`) and plugin events (`<plugin>:<event>`). Listeners run
 * synchronously in subscription order; a listener that throws or rejects is logged with its plugin's name and
 * never reaches the emitter or the other listeners.
 */
export class EventBus {
  readonly #logger: Logger;
  readonly #listeners = new Map<string, readonly Listener[]>();

  /** @param options - the logger */
  constructor(options: EventBusOptions) {
    this.#logger = options.logger;
  }

  /** Subscribes `plugin`'s listener to `event`; returns the unsubscribe function. */
  on(plugin: string, event: string, listener: (payload: never) => unknown): () => void {
    if (typeof listener !== 'function') throw new TypeError(`plugin '${plugin}': the listener of event '${event}' is not a function`);
    const entry: Listener = { plugin, listener: listener as Listener['listener'] };
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), entry]);
    return () => this.#remove(event, (l) => l === entry);
  }

  /** Emits a host event. */
  emitHost<K extends HostEventName>(event: K, payload: HostEventMap[K]): void {
    this.emit(event, payload);
  }

  /** Emits `event` to its listeners. Never throws because of a listener. */
  emit(event: string, payload: unknown): void {
    const listeners = this.#listeners.get(event);
    if (listeners === undefined) return;
    for (const entry of listeners) this.#deliver(event, entry, payload);
  }

  /** Removes every listener of `plugin` (when it stops). */
  removeAll(plugin: string): void {
    for (const event of [...this.#listeners.keys()]) this.#remove(event, (l) => l.plugin === plugin);
  }

  /** How many listeners `event` has. */
  count(event: string): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  #deliver(event: string, entry: Listener, payload: unknown): void {
    try {
      const result = entry.listener(payload);
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.#report(event, entry.plugin, error));
    } catch (error) {
      this.#report(event, entry.plugin, error);
    }
  }

  #remove(event: string, match: (listener: Listener) => boolean): void {
    const kept = (this.#listeners.get(event) ?? []).filter((l) => !match(l));
    if (kept.length === 0) this.#listeners.delete(event);
    else this.#listeners.set(event, kept);
  }

  #report(event: string, plugin: string, error: unknown): void {
    this.#logger.error({ err: error, plugin, event }, `a listener of plugin '${plugin}' for event '${event}' failed: ${messageOf(error)}`);
  }
}

/** The message of anything thrown. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
