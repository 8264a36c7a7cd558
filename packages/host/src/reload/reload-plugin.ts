import { PluginStateError, ReloadDrainTimeoutError, ReloadFailedError } from '@berth/sdk';
import { missingGrants } from '../lifecycle/approval.js';
import type { PluginRecord } from '../lifecycle/plugin-record.js';
import type { PluginContextHandle } from '../api/context.js';
import type { PluginInstance } from '../sandbox/runner.js';
import { restartDependents } from './dependents.js';
import { generationOf } from './generation-context.js';
import { launchGeneration, type LaunchedGeneration } from './launch-generation.js';
import { readNextVersion, type NextVersion } from './next-version.js';
import type { ReloadOutcome } from './reload-outcome.js';
import type { ReloadPort } from './reload-port.js';
import { updateNotRunning } from './update-not-running.js';

/** Options of one reload. */
export interface ReloadOptions {
  /** How long calls running on the old version may take to finish after the switch (default 10 000 ms). */
  readonly drainLimitMs?: number;
}

/** The default drain limit. */
export const DEFAULT_DRAIN_LIMIT_MS = 10_000;

const queues = new WeakMap<PluginRecord, Promise<unknown>>();

/**
 * Reloads one plugin from its folder (reloads of one plugin run one after the other). A running plugin: the new
 * version is checked, started beside the old one, and takes over in one synchronous switch once initialized; the
 * old one's running calls finish (within the drain limit), then it stops. An invalid or failing new version, or
 * one asking for permissions not granted, leaves the old one serving (see {@link ReloadOutcome}).
 */
export function reloadPlugin(port: ReloadPort, record: PluginRecord, options: ReloadOptions = {}): Promise<ReloadOutcome> {
  const previous = queues.get(record) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => reloadNow(port, record, options));
  queues.set(record, run);
  return run;
}

async function reloadNow(port: ReloadPort, record: PluginRecord, options: ReloadOptions): Promise<ReloadOutcome> {
  if (record.starting !== undefined) await record.starting.catch(() => undefined);
  const running = record.state === 'active' ? record.manifest?.version : undefined;
  const next = await readNextVersion(record, (name) => port.record(name));
  if (next instanceof Error) return reloadFailed(port, record, running, next);
  if (record.state !== 'active') return updateNotRunning(port, record, next, (cause) => reloadFailed(port, record, undefined, cause));
  const missing = missingGrants(port.config(), record.name, record.root, next.manifest, record.identity);
  if (missing.length > 0) {
    record.pendingReload = { version: next.manifest.version, missingPermissions: missing };
    const asked = missing.map((g) => g.permission).join(', ');
    port.logger.warn(
      { plugin: record.name, version: next.manifest.version },
      `plugin '${record.name}' ${next.manifest.version} waits for approval of ${asked} (run: berth permissions grant ${record.name} <permission>); ${running ?? 'the running version'} keeps serving`,
    );
    return { status: 'needs-approval', plugin: record.name, version: next.manifest.version, missing };
  }
  const current = record.instance;
  let launched: LaunchedGeneration;
  try {
    launched = await launchGeneration(port, record, next);
  } catch (error) {
    return reloadFailed(port, record, running, error);
  }
  if (record.state !== 'active' || record.instance !== current) {
    launched.handle.discard();
    await launched.instance.stop();
    return reloadFailed(port, record, running, new PluginStateError(record.name, record.state, 'switch to the new version of'));
  }
  const old = switchTo(port, record, next, launched);
  const drainLimitMs = options.drainLimitMs ?? DEFAULT_DRAIN_LIMIT_MS;
  const retiring = retire(record.name, old, drainLimitMs);
  const restarted = await restartDependents(port, record.name);
  const cancelledCalls = await retiring;
  return { status: 'reloaded', plugin: record.name, from: old.version, to: next.manifest.version, cancelledCalls, restarted };
}

/** The generation a switch replaced. */
interface Retired {
  readonly version: string;
  readonly instance: PluginInstance | undefined;
  readonly handle: PluginContextHandle | undefined;
}

/**
 * The switch, synchronous from end to end so no call sees a state between: the old generation's registrations go,
 * the new one's held-back registrations are applied, the record points at the new instance. Calls already running
 * on the old generation keep their handler and finish there.
 */
function switchTo(port: ReloadPort, record: PluginRecord, next: NextVersion, launched: LaunchedGeneration): Retired {
  const old: Retired = { version: record.manifest?.version ?? '?', instance: record.instance, handle: record.handle };
  old.handle?.dispose();
  const problems = launched.handle.commit();
  Object.assign(record, {
    manifest: next.manifest,
    ...(next.mainPath !== undefined ? { mainPath: next.mainPath } : {}),
    instance: launched.instance,
    handle: launched.handle,
    tier: launched.tier,
    missingGrants: [],
  });
  record.reloadError = undefined;
  record.pendingReload = undefined;
  port.adopt(record, launched.instance, launched.settings);
  for (const problem of problems) {
    port.logger.error({ err: problem, plugin: record.name }, `plugin '${record.name}' ${next.manifest.version}: a registration failed at the switch: ${problem.message}`);
  }
  port.logger.info({ plugin: record.name, from: old.version, to: next.manifest.version }, `plugin '${record.name}' reloaded: ${old.version} → ${next.manifest.version}`);
  port.api.events.emitHost('plugin:reloaded', { plugin: record.name, from: old.version, to: next.manifest.version });
  return old;
}

/** Lets the old generation's calls finish (cancelling those past the limit), then stops it. Returns how many were cancelled. */
async function retire(plugin: string, old: Retired, drainLimitMs: number): Promise<number> {
  const calls = generationOf(old.handle)?.calls;
  let cancelled = 0;
  if (calls !== undefined && !(await calls.idle(drainLimitMs))) {
    cancelled = calls.cancelAll((what) => new ReloadDrainTimeoutError(what, plugin, old.version, drainLimitMs));
  }
  await old.instance?.stop();
  return cancelled;
}

/** Records and logs why the reload did not happen; the running version (if any) keeps serving. */
function reloadFailed(port: ReloadPort, record: PluginRecord, running: string | undefined, cause: unknown): ReloadOutcome {
  const error = new ReloadFailedError(record.name, running, record.manifestFile, cause);
  record.reloadError = error;
  port.logger.error({ plugin: record.name, code: error.code }, error.message);
  return { status: 'failed', plugin: record.name, error };
}
