/**
 * The states of a plugin's life. `discovered → resolved → (needs-approval) → loading → active → disposing →
 * stopped`; `failed` and `crashed-loop` on the side; `disabled` when the user turned it off. A lazy plugin stays
 * `resolved` until the first use of one of its contributions.
 */
export type PluginState =
  | 'discovered'
  | 'resolved'
  | 'needs-approval'
  | 'loading'
  | 'active'
  | 'disposing'
  | 'stopped'
  | 'failed'
  | 'crashed-loop'
  | 'disabled';

/** Every state, in lifecycle order (for documentation and `--json` consumers). */
export const PLUGIN_STATES: readonly PluginState[] = [
  'discovered',
  'resolved',
  'needs-approval',
  'loading',
  'active',
  'disposing',
  'stopped',
  'failed',
  'crashed-loop',
  'disabled',
];

const transitions: Readonly<Record<PluginState, readonly PluginState[]>> = {
  discovered: ['resolved', 'failed', 'disabled'],
  resolved: ['loading', 'needs-approval', 'disabled', 'failed', 'stopped'],
  'needs-approval': ['resolved', 'loading', 'disabled', 'stopped'],
  loading: ['active', 'failed', 'disposing', 'stopped'],
  active: ['disposing', 'failed', 'loading', 'crashed-loop'],
  disposing: ['stopped', 'disabled', 'failed'],
  stopped: ['loading', 'resolved', 'disabled', 'needs-approval'],
  failed: ['loading', 'resolved', 'disabled', 'stopped', 'needs-approval'],
  'crashed-loop': ['loading', 'disabled', 'stopped', 'resolved'],
  disabled: ['resolved', 'loading', 'needs-approval', 'stopped'],
};

/** True when a plugin may move from `from` to `to`. */
export function canTransition(from: PluginState, to: PluginState): boolean {
  return from === to || transitions[from].includes(to);
}
