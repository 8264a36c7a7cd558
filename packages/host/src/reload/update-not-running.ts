import type { BerthError } from '@berth/sdk';
import { missingGrants } from '../lifecycle/approval.js';
import type { PluginRecord } from '../lifecycle/plugin-record.js';
import type { NextVersion } from './next-version.js';
import type { ReloadOutcome } from './reload-outcome.js';
import type { ReloadPort } from './reload-port.js';

const STARTABLE = new Set(['resolved', 'failed', 'crashed-loop', 'needs-approval']);

/**
 * Reload of a plugin that is not running: its record takes the new manifest; then it waits for approval if the new
 * version asks for more than its grants, lists its declared contributions again if it is lazy, or is started if it
 * should run (a failed or crash-looping plugin gets its chance with the fixed code). Disabled plugins stay disabled.
 */
export async function updateNotRunning(
  port: ReloadPort,
  record: PluginRecord,
  next: NextVersion,
  failed: (cause: unknown) => ReloadOutcome,
): Promise<ReloadOutcome> {
  const { manifest } = next;
  Object.assign(record, { manifest, ...(next.mainPath !== undefined ? { mainPath: next.mainPath } : {}) });
  record.reloadError = undefined;
  record.pendingReload = undefined;
  const updated = (): ReloadOutcome => ({ status: 'updated', plugin: record.name, version: manifest.version, state: record.state });
  if (!STARTABLE.has(record.state)) return updated();
  record.missingGrants = missingGrants(port.config(), record.name, record.root, manifest, record.identity);
  if (record.missingGrants.length > 0) {
    if (record.state !== 'needs-approval') port.transition(record, 'needs-approval');
    return { status: 'needs-approval', plugin: record.name, version: manifest.version, missing: record.missingGrants };
  }
  if (record.state !== 'resolved') port.transition(record, 'resolved');
  if (manifest.activation === 'lazy') {
    port.redeclare(record);
    return updated();
  }
  await port.activate(record.name).catch(() => undefined);
  if (record.state !== 'active') return failed(record.reason ?? (new Error(`it is ${record.state}`) as Error | BerthError));
  return updated();
}
