import { PermissionDeniedError } from '@berth/sdk';
import type { SavedGrant } from '../config/host-config.js';
import type { AuditRecord } from './audit-log.js';
import type { PermissionGate } from './gate.js';
import { grantsAllow } from './match.js';
import type { ScopeVars } from './scope-vars.js';

/** Where a {@link GrantGate} finds what it needs, looked up at each check (revoking takes effect at once). */
export interface GrantGateOptions {
  /** The plugin's saved grants (e.g. `(p) => config.plugins?.[p]?.grants ?? []`). */
  readonly grants: (plugin: string) => readonly SavedGrant[];
  /** The scope variables of the plugin. */
  readonly vars: (plugin: string) => ScopeVars;
  /** Where decisions go (an `AuditLog`'s `record`); omitted: not audited. */
  readonly audit?: (record: Omit<AuditRecord, 'time'>) => unknown;
}

/** The {@link PermissionGate} over the user's saved grants: deny by default, every decision audited. */
export class GrantGate implements PermissionGate {
  readonly #options: GrantGateOptions;

  /** @param options - the grants source, scope variables and audit sink */
  constructor(options: GrantGateOptions) {
    this.#options = options;
  }

  /** @inheritdoc */
  check(plugin: string, permission: string, target?: string): boolean {
    let allowed = false;
    try {
      allowed = grantsAllow(plugin, this.#options.grants(plugin), permission, target, this.#options.vars(plugin));
    } catch {
      allowed = false;
    }
    this.#options.audit?.({ plugin, permission, ...(target !== undefined ? { target } : {}), allowed, source: 'gate' });
    return allowed;
  }

  /** @inheritdoc */
  assert(plugin: string, permission: string, target?: string): void {
    if (!this.check(plugin, permission, target)) throw new PermissionDeniedError(plugin, permission, target);
  }
}
