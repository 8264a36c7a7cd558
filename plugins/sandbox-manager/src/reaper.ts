import type { SandboxBackend } from './backends/backend.js';
import { Labels } from './labels.js';
import { engineName } from './manager.js';
import type { SandboxManager, SandboxRecord } from './manager.js';
import type { FoundSandbox, SandboxLimits } from './sandbox.js';

/** What the start-up sweep did. */
export interface LeftoversReport {
  /** Sandboxes taken over. */
  readonly adopted: string[];
  /** Sandboxes removed (by the setting, or because their lifetime was over). */
  readonly removed: string[];
}

/** A found sandbox as a record (limits not in its labels are unknown and shown as 0). */
function recordOf(found: FoundSandbox, backend: SandboxBackend): SandboxRecord {
  const expires = new Date(found.labels[Labels.expires] ?? 0);
  const idle = Number(found.labels[Labels.idle] ?? 0);
  const limits: SandboxLimits = { cpus: 0, memory_mb: 0, pids: 0, network: 'none', lifetime_seconds: 0, idle_timeout_seconds: idle > 0 ? idle : 900 };
  const now = new Date();
  return { id: found.id, backend: backend.kind, engine: engineName(backend, found.id), image: found.image, limits, user: found.labels[Labels.user] ?? '65534:65534', labels: found.labels, created: now, expires, lastUsed: now, adopted: true, busy: 0 };
}

/**
 * The start-up sweep over the sandboxes a previous run of this installation left (after a crash, a kill, or a stop
 * with `keep_on_stop`): `remove` destroys them all; `adopt` takes over the live ones whose lifetime is not over
 * (their idle timer restarts now) and destroys the rest.
 */
export async function sweepLeftovers(manager: SandboxManager, mode: 'adopt' | 'remove'): Promise<LeftoversReport> {
  const { backend } = manager;
  const report: LeftoversReport = { adopted: [], removed: [] };
  const known = new Set(manager.list().map((r) => r.id));
  for (const found of await backend.findAll()) {
    if (known.has(found.id)) continue;
    const record = recordOf(found, backend);
    if (mode === 'adopt' && found.running && record.expires.getTime() > Date.now()) {
      manager.adopt(await withLimits(backend, record));
      report.adopted.push(found.id);
    } else {
      await backend.destroy(found.id).catch(() => undefined);
      report.removed.push(found.id);
    }
  }
  await backend.close?.();
  return report;
}

/** The record with the limits its backend can read back. */
async function withLimits(backend: SandboxBackend, record: SandboxRecord): Promise<SandboxRecord> {
  const limits = backend.limitsOf !== undefined ? await backend.limitsOf(record.id).catch(() => ({})) : {};
  return { ...record, limits: { ...record.limits, ...limits } };
}
