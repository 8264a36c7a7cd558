import { z } from 'zod';
import type { JsonSchema } from '../json.js';
import { pluginManifestSchema } from './schema.js';

/** The `$id` of the published JSON Schema. */
export const PLUGIN_SCHEMA_ID = 'https://berth.dev/schemas/plugin.schema.json';

let cached: JsonSchema | undefined;

/** Builds the JSON Schema of `plugin.json` from the zod schema (the input shape an author writes). */
function build(): JsonSchema {
  const generated = z.toJSONSchema(pluginManifestSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return { ...generated, $id: PLUGIN_SCHEMA_ID, title: 'Berth plugin manifest (plugin.json)' };
}

/**
 * The JSON Schema of `plugin.json` (draft 2020-12), as shipped in `@berth/sdk/plugin.schema.json` and printed by
 * `berth schema`. Returns a fresh deep copy each time; the build itself is cached.
 */
export function pluginManifestJsonSchema(): JsonSchema {
  cached ??= build();
  return structuredClone(cached);
}
