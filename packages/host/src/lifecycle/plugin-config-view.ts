import type { JsonValue, PluginConfigView } from '@berth/sdk';

/** A mutable holder behind a plugin's read-only `context.config`, so a configuration change can update it. */
export class PluginSettingsHolder {
  #values: Readonly<Record<string, JsonValue>>;

  /** @param values - the effective settings */
  constructor(values: Readonly<Record<string, JsonValue>>) {
    this.#values = Object.freeze({ ...values });
  }

  /** Replaces the values (on a configuration change); returns the old ones. */
  replace(values: Readonly<Record<string, JsonValue>>): Readonly<Record<string, JsonValue>> {
    const old = this.#values;
    this.#values = Object.freeze({ ...values });
    return old;
  }

  /** The read-only view a plugin receives. */
  view(): PluginConfigView {
    return {
      get: <T extends JsonValue = JsonValue>(key: string): T | undefined =>
        Object.hasOwn(this.#values, key) ? (this.#values[key] as T) : undefined,
      all: () => this.#values,
    };
  }
}
