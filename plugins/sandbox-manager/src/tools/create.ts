import type { ToolDefinition } from '@berth/sdk';
import type { CreateRequest } from '../manager.js';
import { describe, result, tool } from './tool.js';
import type { ToolDeps } from './tool.js';

/** The `create` tool: a new hardened sandbox. */
export function createTool(deps: ToolDeps): ToolDefinition {
  return tool<CreateRequest>(
    'create',
    'Create an isolated sandbox and return its id and limits. Hardened by default: no network, read-only root ' +
      'filesystem with a writable /workspace and a private /tmp, no capabilities, an unprivileged user, CPU/memory/process ' +
      'limits, a lifetime and an idle timeout (it is destroyed when either passes). Limits beyond the plugin\'s caps are refused.',
    {
      type: 'object',
      properties: {
        image: { type: 'string', minLength: 1, description: 'Image (Docker backend; must be local or pullable). Default: the template\'s, else default_image.' },
        template: { type: 'string', minLength: 1, description: 'A template named in the plugin settings.' },
        cpus: { type: 'number', exclusiveMinimum: 0, description: 'CPUs (fractions allowed).' },
        memory_mb: { type: 'integer', minimum: 16, description: 'Memory in MiB.' },
        pids: { type: 'integer', minimum: 8, description: 'The most processes at once.' },
        network: { type: 'string', enum: ['none', 'open'], description: "'none' (default) or 'open' (only when the settings allow it)." },
        workspace: {
          type: 'object',
          description: 'A host folder (inside the allowed roots) mounted at /workspace; default: a fresh empty one.',
          properties: { path: { type: 'string', minLength: 1 }, mode: { type: 'string', enum: ['ro', 'rw'] } },
          required: ['path'],
          additionalProperties: false,
        },
        env: { type: 'object', additionalProperties: { type: 'string' }, description: 'Environment of every command.' },
        lifetime_seconds: { type: 'integer', minimum: 1, description: 'Destroyed this long after creation (extend moves it).' },
        idle_timeout_seconds: { type: 'integer', minimum: 1, description: 'Destroyed after this long without a call.' },
        labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Your own labels (berth.* are reserved).' },
      },
      additionalProperties: false,
    },
    { title: 'Create sandbox', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    async (args) => {
      const record = await (await deps.manager()).create(args);
      const info = describe(record);
      const l = record.limits;
      return result(info, `sandbox ${record.id} (${record.backend} on ${record.engine}, ${record.image}): ${l.cpus} CPU, ${l.memory_mb} MiB, ${l.pids} processes, network ${l.network}, expires ${record.expires.toISOString()}`);
    },
  );
}
