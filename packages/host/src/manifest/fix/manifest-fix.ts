import type { JsonValue } from '@berth/sdk';

/** One change `fixManifest` made, as `berth validate --fix` prints it. */
export interface ManifestFix {
  /** Where (a JSON pointer into plugin.json). */
  readonly path: string;
  /** What it did, one line: `"1.0" → "1.0.0"`, `renamed "permisions" to "permissions"`. */
  readonly change: string;
}

/** A plugin.json as a mutable JSON object. */
export type RawObject = Record<string, JsonValue>;
