import { z } from 'zod';

/** When the host starts a plugin. */
export const ACTIVATIONS = ['startup', 'lazy'] as const;

/** When the host starts a plugin: at start-up, or on first use of one of its contributions. */
export type Activation = (typeof ACTIVATIONS)[number];

/** The schema of `activation`. */
export const activationSchema = z
  .enum(ACTIVATIONS)
  .default('startup')
  .describe('"startup" (default): start with the host. "lazy": start on the first use of one of its contributions.');

/** The schema of `reload`. */
export const reloadSchema = z
  .object({
    onConfigChange: z
      .enum(['event', 'restart'])
      .default('event')
      .describe('"event" (default): the plugin receives a config:changed event. "restart": the host restarts it.'),
    onDependencyReload: z
      .enum(['notify', 'restart'])
      .default('notify')
      .describe('"notify" (default): the plugin receives an event when a dependency reloads. "restart": it is restarted too.'),
  })
  .default({ onConfigChange: 'event', onDependencyReload: 'notify' })
  .describe('How the plugin reacts to configuration changes and to its dependencies reloading.');

/** A manifest's `reload` behaviour. */
export type ReloadBehaviour = z.infer<typeof reloadSchema>;

/** The schema of `limits`. */
export const limitsSchema = z
  .object({
    initializeTimeoutMs: z.int().min(1).max(600_000).optional().describe('Time allowed for initialize(), in milliseconds.'),
    callTimeoutMs: z.int().min(1).max(3_600_000).optional().describe('Time allowed for one tool or provider call, in milliseconds.'),
    memoryMb: z.int().min(16).max(65_536).optional().describe("Memory allowed for the plugin's process, in megabytes."),
  })
  .describe('Resource limits the host enforces (host defaults apply where absent).');

/** A manifest's `limits`. */
export type PluginLimits = z.infer<typeof limitsSchema>;
