import type { JsonValue } from '../json.js';

/** `context.config`: the plugin's effective settings (saved value, else the manifest's default). Read-only. */
export interface PluginConfigView {
  /** The effective value of one setting. */
  get<T extends JsonValue = JsonValue>(key: string): T | undefined;
  /** Every effective setting. */
  all(): Readonly<Record<string, JsonValue>>;
}
