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
