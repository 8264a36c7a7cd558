import type { Logger } from '@berth/sdk';
import { openBackend } from './backends/select.js';
import { ownerTag } from './labels.js';
import { SandboxManager } from './manager.js';
import { sweepLeftovers } from './reaper.js';
import type { LeftoversReport } from './reaper.js';
import type { SandboxSettings } from './settings.js';

/**
 * The plugin's running state: the backend is opened on first need (so the plugin starts even while Docker is
 * down; each call then says why it cannot run, and a later call retries), leftovers of a previous run are swept
 * once it is open.
 */
export class SandboxRuntime {
  #manager: Promise<SandboxManager> | undefined;
  #leftovers: LeftoversReport | undefined;

  /**
   * @param settings - the plugin's settings
   * @param dataDir - the plugin's data folder (bubblewrap sandboxes live there; it identifies this installation)
   * @param logger - where expiries and sweeps are logged
   */
  constructor(
    readonly settings: SandboxSettings,
    readonly dataDir: string,
    readonly logger?: Logger,
  ) {}

  /** The manager, opening the backend and sweeping leftovers the first time. */
  manager(): Promise<SandboxManager> {
    this.#manager ??= this.#open().catch((error: unknown) => {
      this.#manager = undefined;
      throw error;
    });
    return this.#manager;
  }

  async #open(): Promise<SandboxManager> {
    const backend = await openBackend(this.settings, this.dataDir);
    const manager = new SandboxManager(backend, this.settings, ownerTag(this.dataDir), (id, why) => this.logger?.info({ sandbox: id, why }, 'sandbox expired and was destroyed'));
    this.#leftovers = await sweepLeftovers(manager, this.settings.on_start_leftovers);
    if (this.#leftovers.adopted.length + this.#leftovers.removed.length > 0) this.logger?.info({ ...this.#leftovers }, 'sandboxes left by a previous run');
    return manager;
  }

  /** What the start-up sweep did (once the backend is open). */
  get leftovers(): LeftoversReport | undefined {
    return this.#leftovers;
  }

  /** Stops timers and destroys the sandboxes unless `keep_on_stop`. */
  async close(): Promise<void> {
    const manager = await this.#manager?.catch(() => undefined);
    await manager?.close(this.settings.keep_on_stop);
    this.#manager = undefined;
  }
}
