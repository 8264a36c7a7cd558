import { z } from 'zod';

/** The longest plugin name allowed, scope included. */
export const PLUGIN_NAME_MAX_LENGTH = 64;

/** A plugin name: optional npm-style `@scope/`, then lowercase letters, digits, `-`, `_`, `.`, starting with a letter or digit. */
export const PLUGIN_NAME_PATTERN = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/** The naming rule in words, as error messages state it. */
export const PLUGIN_NAME_RULE =
  `lowercase letters, digits, '-', '_' and '.', starting with a letter or digit, optionally prefixed by '@scope/', ` +
  `at most ${PLUGIN_NAME_MAX_LENGTH} characters`;

/** True when `name` follows {@link PLUGIN_NAME_RULE}. */
export function isValidPluginName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= PLUGIN_NAME_MAX_LENGTH && PLUGIN_NAME_PATTERN.test(name);
}

/** The schema of a plugin name. */
export const pluginNameSchema = z
  .string()
  .max(PLUGIN_NAME_MAX_LENGTH)
  .regex(PLUGIN_NAME_PATTERN)
  .describe(`The plugin's unique name: ${PLUGIN_NAME_RULE}.`);
