import { z } from 'zod';
import { permissionEntrySchema } from '../permissions/entry.js';
import { activationSchema, limitsSchema, reloadSchema } from './behaviour.js';
import { contributesSchema } from './contributes.js';
import { pluginNameSchema } from './name.js';
import { semverRangeSchema, semverSchema } from './semver.js';
import { mcpServerSchema } from './server.js';
import { configurationSchema } from './setting.js';

/** The plugin types, as normalised (`mcp-provider` becomes `mcp`). */
export const PLUGIN_TYPES = ['provider', 'tool', 'mcp'] as const;

/** What `type` accepts: the plugin types plus the specification's `mcp-provider`, an alias of `mcp`. */
export const PLUGIN_TYPE_INPUTS = [...PLUGIN_TYPES, 'mcp-provider'] as const;

/** A plugin's type. */
export type PluginType = (typeof PLUGIN_TYPES)[number];

/** The schema of `type`; normalises `mcp-provider` to `mcp`. */
export const pluginTypeSchema = z
  .enum(PLUGIN_TYPE_INPUTS)
  .transform((type): PluginType => (type === 'mcp-provider' ? 'mcp' : type))
  .describe('"provider" (LLM providers), "tool" (tools) or "mcp" (an MCP server; "mcp-provider" is an alias).');

/** The schema of `engines`. */
export const enginesSchema = z
  .object({ berth: semverRangeSchema.optional().describe('The Berth host API versions the plugin works with, e.g. "^1.0.0".') })
  .describe('The host versions the plugin was written for.');

/**
 * The schema of `plugin.json`: the one source of the manifest's TypeScript types and of its JSON Schema.
 * Unknown fields are kept out of the result (the host reports them as warnings).
 */
export const pluginManifestSchema = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editor completion.'),
    name: pluginNameSchema,
    version: semverSchema.describe("The plugin's version: a strict semantic version, e.g. \"1.0.0\"."),
    type: pluginTypeSchema,
    main: z
      .string()
      .min(1)
      .optional()
      .describe('The entry module, relative to the plugin folder (e.g. "index.js"). Required unless an mcp plugin has `server`.'),
    description: z.string().optional().describe('One sentence on what the plugin does.'),
    author: z.string().optional().describe('Who wrote it.'),
    license: z.string().optional().describe('An SPDX license identifier, e.g. "MIT".'),
    homepage: z.string().optional().describe('Where to read more.'),
    keywords: z.array(z.string()).optional().describe('Words to find it by.'),
    engines: enginesSchema.optional(),
    dependencies: z
      .record(pluginNameSchema, semverRangeSchema)
      .default({})
      .describe('Plugins this one needs, by name → semver range; they are loaded first.'),
    permissions: z
      .array(permissionEntrySchema)
      .default([])
      .describe('What the plugin may do beyond computing: each is approved by the user; everything else is denied.'),
    configuration: configurationSchema.default({}),
    contributes: contributesSchema.optional(),
    activation: activationSchema,
    server: mcpServerSchema
      .optional()
      .describe('For mcp plugins without `main`: the MCP server to run ({"command", "args", "env"}) or reach ({"url"}).'),
    reload: reloadSchema,
    limits: limitsSchema.optional(),
  })
  .describe('A Berth plugin manifest (plugin.json).');

/** A validated, normalised `plugin.json` (defaults applied, `type` normalised). */
export type PluginManifest = z.output<typeof pluginManifestSchema>;

/** A `plugin.json` as an author writes it (before defaults and normalisation). */
export type PluginManifestInput = z.input<typeof pluginManifestSchema>;

/** The top-level fields `plugin.json` knows. */
export const MANIFEST_FIELDS = Object.keys(pluginManifestSchema.shape) as (keyof PluginManifestInput)[];
