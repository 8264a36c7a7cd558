import { z } from 'zod';
import type { JsonValue } from '@berth/sdk';
import type { HostConfig } from './host-config.js';

const jsonValue: z.ZodType<JsonValue> = z.json();

const savedGrant = z.looseObject({
  permission: z.string(),
  scope: z.array(z.string()).optional(),
});

const savedPluginState = z.looseObject({
  enabled: z.boolean().optional(),
  settings: z.record(z.string(), jsonValue).optional(),
  grants: z.array(savedGrant).optional(),
  approvedVersion: z.string().optional(),
  identity: z.string().optional(),
  trusted: z.boolean().optional(),
});

/**
 * The shape of the host configuration file. Unknown keys are kept (a newer Berth may have written them), known keys
 * must have their documented types.
 */
export const hostConfigSchema = z.looseObject({
  plugins: z.record(z.string(), savedPluginState).optional(),
  aliases: z.record(z.string(), z.string()).optional(),
  pluginDirs: z.array(z.string()).optional(),
  trustedProjects: z.array(z.string()).optional(),
  serve: z.looseObject({ port: z.number().int().optional(), host: z.string().optional() }).optional(),
});

/** The secrets file: plugin name → secret setting name → value. */
export interface SecretsFile {
  /** Per plugin, the secret settings' values. */
  readonly plugins?: Readonly<Record<string, Readonly<Record<string, JsonValue>>>>;
}

/** The shape of the secrets file. */
export const secretsFileSchema = z.looseObject({
  plugins: z.record(z.string(), z.record(z.string(), jsonValue)).optional(),
});

/** The first shape problem of a parsed file: a JSON pointer and the checker's words. */
export interface ShapeProblem {
  /** JSON pointer to the offending value. */
  readonly pointer: string;
  /** What is wrong. */
  readonly reason: string;
}

/** Check `value` against `schema`; the first problem, or `undefined` when it fits. */
export function shapeProblem(schema: z.ZodType, value: unknown): ShapeProblem | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const pointer = `/${(issue?.path ?? []).map((p) => String(p)).join('/')}`;
  return { pointer, reason: `${pointer}: ${issue?.message ?? 'invalid'}` };
}

/** `value` as a {@link HostConfig}, when it has the right shape. */
export function asHostConfig(value: unknown): HostConfig | undefined {
  return hostConfigSchema.safeParse(value).success ? (value as HostConfig) : undefined;
}
