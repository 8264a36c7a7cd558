import { mkdir } from 'node:fs/promises';
import { BerthError, ErrorCodes, InitializeFailedError, InitializeTimeoutError } from '@berth/sdk';
import { createPluginContext } from '../api/context.js';
import { SettingsSchema } from '../config/settings-validator.js';
import { PluginSettingsHolder } from '../lifecycle/plugin-config-view.js';
import type { PluginRecord } from '../lifecycle/plugin-record.js';
import { withTimeout } from '../lifecycle/with-timeout.js';
import type { PluginInstance } from '../sandbox/runner.js';
import { generationContext, type GenerationHandle } from './generation-context.js';
import type { NextVersion } from './next-version.js';
import type { ReloadPort } from './reload-port.js';

/** A new generation of a plugin, initialized, its registrations held back until the switch. */
export interface LaunchedGeneration {
  /** Its context (staged). */
  readonly handle: GenerationHandle;
  /** Its running instance (a new process for the process tier). */
  readonly instance: PluginInstance;
  /** The holder behind its `context.config`. */
  readonly settings: PluginSettingsHolder;
  /** The tier it runs in. */
  readonly tier: string;
}

/**
 * Starts `next` beside the running version: its settings validated against its own schema, a staged context
 * (see `generationContext`), its own runner (a fresh process, or a fresh module URL for the trusted tier),
 * `initialize` under the time limit. Throws the new version's error (`BERTH_INITIALIZE_FAILED`,
 * `BERTH_INITIALIZE_TIMEOUT`, a settings error); nothing it did is visible to callers then.
 */
export async function launchGeneration(port: ReloadPort, record: PluginRecord, next: NextVersion): Promise<LaunchedGeneration> {
  const { manifest } = next;
  const name = record.name;
  const schema = SettingsSchema.for(name, manifest.version, manifest.configuration);
  const settings = new PluginSettingsHolder(port.store.getPluginSettings(name, schema));
  const dataDir = port.store.pluginDataDir(name);
  await mkdir(dataDir, { recursive: true });
  const inner = createPluginContext({
    api: port.api,
    plugin: { name, version: manifest.version, dir: record.dir },
    dependencies: Object.keys(manifest.dependencies),
    config: settings.view(),
    dataDir,
  });
  const handle = generationContext(inner, { tools: port.api.tools, providers: port.api.providers });
  const runner = port.runnerFor({ ...record, manifest, ...(next.mainPath !== undefined ? { mainPath: next.mainPath } : {}) });
  const timeoutMs = port.initializeTimeoutMs(manifest);
  try {
    const instance = await withTimeout(
      runner.start({ name, version: manifest.version, dir: record.dir, main: next.mainPath ?? '' }, handle.context),
      timeoutMs,
      () => new InitializeTimeoutError(name, timeoutMs),
      (late) => void late.stop(),
    );
    return { handle, instance, settings, tier: runner.tier };
  } catch (error) {
    handle.discard();
    throw asInitializeError(name, error);
  }
}

function asInitializeError(plugin: string, error: unknown): BerthError {
  if (error instanceof BerthError && (error.code === ErrorCodes.INITIALIZE_TIMEOUT || error.code === ErrorCodes.INITIALIZE_FAILED)) return error;
  return new InitializeFailedError(plugin, error);
}
