import type { JsonValue } from '@berth/sdk';
import type { SandboxMode } from '@berth/host';
import type { TestGrant } from './grants.js';

/** Options of {@link startPlugin}. */
export interface StartPluginOptions {
  /**
   * The grants the plugin runs with. Default: every permission its `plugin.json` requests (what a user approving it
   * gives). Fewer than it requests leaves it waiting for approval, which `startPlugin` reports as an error.
   */
  readonly grants?: readonly TestGrant[];
  /** Settings (`context.config`), validated against the manifest's `configuration` like `berth config set`. */
  readonly config?: Readonly<Record<string, JsonValue>>;
  /** Secret settings (declared `"secret": true`), kept in the test's own 0600 secrets file. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** The folder `${workspace}` means in grants. Default: a fresh empty temporary folder. */
  readonly workspace?: string;
  /**
   * How the process tier runs it: `bwrap` (bubblewrap + Node's permission model) or `nobwrap` (Node's permission model
   * only). Default: what `berth serve` would use here — bubblewrap when the machine has it.
   */
  readonly sandbox?: SandboxMode;
  /** Echo the host's log lines to stderr (default: only kept in `plugin.logs`). */
  readonly echoLogs?: boolean;
  /** Time limit of the plugin's `initialize` in milliseconds (default: the host's, 10 s). */
  readonly initializeTimeoutMs?: number;
}
