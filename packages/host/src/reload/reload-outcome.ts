import type { BerthError, SerializedBerthError } from '@berth/sdk';
import type { SavedGrant } from '../config/host-config.js';

/** What `PluginHost.reload` did. */
export type ReloadOutcome =
  | {
      /** The new version took over; the old one was stopped after its calls finished. */
      readonly status: 'reloaded';
      /** The plugin. */
      readonly plugin: string;
      /** The replaced version. */
      readonly from: string;
      /** The version now serving. */
      readonly to: string;
      /** Calls on the old version cancelled at the drain limit. */
      readonly cancelledCalls: number;
      /** Dependents restarted because their manifests say `reload.onDependencyReload: "restart"`. */
      readonly restarted: readonly string[];
    }
  | {
      /** The plugin was not running: its record now holds the new manifest (and it was started if it should run). */
      readonly status: 'updated';
      /** The plugin. */
      readonly plugin: string;
      /** Its version now. */
      readonly version: string;
      /** Its state now. */
      readonly state: string;
    }
  | {
      /** The new version asks for permissions not granted: it waits for approval; the old one keeps serving. */
      readonly status: 'needs-approval';
      /** The plugin. */
      readonly plugin: string;
      /** The waiting version. */
      readonly version: string;
      /** What it asks for beyond its grants. */
      readonly missing: readonly SavedGrant[];
    }
  | {
      /**
       * The plugin's folder is gone from its root (deleted, `berth mcp remove`): it was stopped and unloaded, its
       * tools withdrawn; a plugin of the same name in another root, if any, was loaded in its place.
       */
      readonly status: 'removed';
      /** The plugin. */
      readonly plugin: string;
      /** The version that ran. */
      readonly version: string;
      /** Its dependents that were running and are stopped now (they fail to start until it comes back). */
      readonly stopped: readonly string[];
    }
  | {
      /** The new version could not take over; the running one (if any) keeps serving. */
      readonly status: 'failed';
      /** The plugin. */
      readonly plugin: string;
      /** Why (`BERTH_RELOAD_FAILED`, its cause the new version's own error). */
      readonly error: BerthError;
    };

/** A new version of a plugin waiting for the user's approval while the old one serves. */
export interface PendingReload {
  /** The waiting version. */
  readonly version: string;
  /** What it asks for beyond its grants. */
  readonly missingPermissions: readonly SavedGrant[];
}

/** A {@link ReloadOutcome} as data (the error serialized), as it crosses the control socket. */
export type SerializedReloadOutcome =
  | Exclude<ReloadOutcome, { readonly status: 'failed' }>
  | { readonly status: 'failed'; readonly plugin: string; readonly error: SerializedBerthError };

/** The outcome as data. */
export function serializeOutcome(outcome: ReloadOutcome): SerializedReloadOutcome {
  return outcome.status === 'failed' ? { ...outcome, error: outcome.error.toJSON() } : outcome;
}

/** One line for an outcome. */
export function describeOutcome(outcome: ReloadOutcome | SerializedReloadOutcome): string {
  switch (outcome.status) {
    case 'reloaded':
      return `reloaded ${outcome.from} → ${outcome.to}${outcome.restarted.length > 0 ? `; restarted ${outcome.restarted.join(', ')}` : ''}${outcome.cancelledCalls > 0 ? `; ${outcome.cancelledCalls} calls on ${outcome.from} cancelled at the drain limit` : ''}`;
    case 'updated':
      return `now ${outcome.version} (${outcome.state})`;
    case 'needs-approval':
      return `${outcome.version} waits for approval of ${outcome.missing.map((g) => g.permission).join(', ')} (run: berth permissions grant ${outcome.plugin} <permission>)`;
    case 'removed':
      return `its folder is gone: ${outcome.version} unloaded${outcome.stopped.length > 0 ? `; stopped its dependents ${outcome.stopped.join(', ')}` : ''}`;
    case 'failed':
      return outcome.error.message;
  }
}
