import path from 'node:path';
import type { BerthError, ManifestProblem, PluginManifest } from '@berth/sdk';
import type { HostConfig } from '../config/host-config.js';
import { discoverPlugins } from '../discovery/discover-plugins.js';
import type { DiscoveryRoot } from '../discovery/roots.js';
import type { DiscoveredPlugin } from '../discovery/types.js';
import { resolve } from '../resolution/index.js';
import { identityFor, lockEntryFor } from '../sources/identity.js';
import type { LockFile } from '../sources/lock-file.js';
import { missingGrants } from './approval.js';
import { PluginDisabledError } from './plugin-disabled-error.js';
import type { PluginRecord } from './plugin-record.js';

type Candidate = DiscoveredPlugin<PluginManifest, ManifestProblem>;

/** The host's view after discovery and resolution: a record per plugin name, and the load order. */
export interface BuiltRecords {
  /** One record per plugin name (broken, failed, disabled, needs-approval and resolved ones). */
  readonly records: readonly PluginRecord[];
  /** Load order as levels of names (each level may start in parallel). */
  readonly levels: readonly (readonly string[])[];
}

/**
 * Discovers the plugins in `roots` and resolves them against the saved configuration: disabled plugins and broken
 * manifests are unavailable to their dependents; resolved plugins whose requested permissions exceed their grants
 * wait in needs-approval.
 */
export async function buildRecords(roots: readonly DiscoveryRoot[], config: HostConfig, lock: LockFile = { lockfileVersion: 1, plugins: {} }): Promise<BuiltRecords> {
  const found = await discoverPlugins(roots);
  const records = new Map<string, PluginRecord>();
  const unavailable = new Map<string, Error>();
  const validNames = new Set(found.candidates.map((c) => c.manifest.name));
  const brokenCopies: { name: string; dir: string; root: DiscoveryRoot; error: BerthError }[] = [];
  for (const broken of found.broken) {
    const name = broken.name ?? broken.folder;
    // A broken copy never hides a valid one of the same name: the valid one runs and the broken one is listed.
    if (validNames.has(name)) brokenCopies.push({ name, dir: broken.dir, root: broken.root, error: broken.error });
    if (records.has(name) || validNames.has(name)) continue;
    records.set(name, baseRecord(name, broken, undefined, 'failed', broken.error));
    unavailable.set(name, broken.error);
  }
  for (const candidate of found.candidates) {
    if (config.plugins?.[candidate.manifest.name]?.enabled === false) {
      unavailable.set(candidate.manifest.name, new PluginDisabledError(candidate.manifest.name));
    }
  }
  const resolution = resolve(found.candidates, { unavailable });
  for (const [name, candidate] of resolution.loaded) {
    const disabled = unavailable.get(name);
    const record = baseRecord(name, candidate, candidate, disabled !== undefined ? 'disabled' : 'resolved', disabled as BerthError | undefined, lock);
    if (record.state === 'resolved') record.missingGrants = missingGrants(config, name, candidate.root.kind, candidate.manifest, record.identity);
    if (record.missingGrants.length > 0) record.state = 'needs-approval';
    records.set(name, record);
  }
  for (const [name, failure] of resolution.failed) {
    const disabled = unavailable.get(name);
    const candidate = failure.candidate as Candidate | undefined;
    const location = candidate ?? found.candidates.find((c) => c.manifest.name === name);
    if (location === undefined || (records.has(name) && records.get(name)?.state === 'failed')) continue;
    const isDisabled = disabled instanceof PluginDisabledError;
    records.set(name, baseRecord(name, location, location, isDisabled ? 'disabled' : 'failed', isDisabled ? disabled : failure.error, lock));
  }
  for (const [name, reason] of unavailable) {
    const candidate = found.candidates.find((c) => c.manifest.name === name);
    if (records.has(name) || candidate === undefined || !(reason instanceof PluginDisabledError)) continue;
    records.set(name, baseRecord(name, candidate, candidate, 'disabled', reason, lock));
  }
  addOthers(records, found.shadowed, resolution.unused.filter((u) => records.get(u.manifest.name)?.dir !== u.dir));
  for (const b of brokenCopies) {
    records.get(b.name)?.others.push({ dir: b.dir, root: b.root.kind, reason: `broken copy, not used: ${b.error.message}` });
  }
  return { records: [...records.values()], levels: resolution.levels };
}

function baseRecord(
  name: string,
  location: { readonly dir: string; readonly root: DiscoveryRoot; readonly manifestFile: string },
  candidate: Candidate | undefined,
  state: PluginRecord['state'],
  reason: BerthError | undefined,
  lock: LockFile = { lockfileVersion: 1, plugins: {} },
): PluginRecord {
  const identity = identityFor(location.dir, location.root.kind, lock);
  const installed = location.root.kind === 'core' ? undefined : lockEntryFor(lock, location.dir);
  return {
    name,
    dir: location.dir,
    root: location.root.kind,
    ...(identity !== undefined ? { identity } : {}),
    ...(installed !== undefined
      ? {
          install: {
            source: installed.source.kind,
            spec: installed.source.spec,
            packageName: installed.packageName,
            version: installed.version,
            integrity: installed.integrity,
            packages: installed.packages.length,
            ...(installed.previous !== undefined ? { previousVersion: installed.previous.version } : {}),
          },
        }
      : {}),
    manifestFile: location.manifestFile,
    ...(candidate !== undefined ? { manifest: candidate.manifest } : {}),
    ...(candidate?.manifest.main !== undefined
      ? { mainPath: candidate.mainPath ?? path.resolve(candidate.dir, candidate.manifest.main) }
      : {}),
    others: [],
    state,
    ...(reason !== undefined ? { reason } : {}),
    missingGrants: [],
  };
}

function addOthers(
  records: Map<string, PluginRecord>,
  shadowed: readonly { readonly dir: string; readonly root: DiscoveryRoot; readonly manifest: PluginManifest; readonly reason: string }[],
  unused: readonly Candidate[],
): void {
  for (const s of shadowed) {
    records.get(s.manifest.name)?.others.push({ dir: s.dir, version: s.manifest.version, root: s.root.kind, reason: s.reason });
  }
  for (const u of unused) {
    const record = records.get(u.manifest.name);
    record?.others.push({
      dir: u.dir,
      version: u.manifest.version,
      root: u.root.kind,
      reason: `version ${u.manifest.version} not chosen (${record.manifest?.version ?? 'none'} is in use)`,
    });
  }
}
