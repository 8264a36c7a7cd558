import type { ToolDefinition } from '@berth/sdk';
import { SANDBOX_ARG, describe, result, tool } from './tool.js';
import type { ToolDeps } from './tool.js';

/** The `list` tool. */
export function listTool(deps: ToolDeps): ToolDefinition {
  return tool('list', 'List the sandboxes this plugin manages, with their backend, engine, image, limits and deadlines.', { type: 'object', properties: {}, additionalProperties: false },
    { title: 'List sandboxes', readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async () => {
      const manager = await deps.manager();
      const sandboxes = manager.list().map(describe);
      const text = sandboxes.length === 0 ? `no sandboxes (backend ${manager.backend.kind})` : sandboxes.map((s) => `${String(s['id'])} ${String(s['backend'])} ${String(s['engine'])} ${String(s['image'])}`).join('\n');
      return result({ backend: manager.backend.kind, sandboxes }, text);
    });
}

/** The `inspect` tool. */
export function inspectTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string }>('inspect', 'Show one sandbox: backend, image, user, limits, workspace, labels, creation, expiry and next deadline.',
    { type: 'object', properties: { sandbox: SANDBOX_ARG }, required: ['sandbox'], additionalProperties: false },
    { title: 'Inspect sandbox', readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async ({ sandbox }) => {
      const info = describe((await deps.manager()).use(sandbox));
      return result(info, JSON.stringify(info, null, 2));
    });
}

/** The `extend` tool. */
export function extendTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string; seconds: number }>('extend', "Move a sandbox's end of life to `seconds` from now (within max_lifetime_seconds of its creation).",
    { type: 'object', properties: { sandbox: SANDBOX_ARG, seconds: { type: 'integer', minimum: 1 } }, required: ['sandbox', 'seconds'], additionalProperties: false },
    { title: 'Extend sandbox', readOnlyHint: false, idempotentHint: false, openWorldHint: false },
    async ({ sandbox, seconds }) => {
      const record = (await deps.manager()).extend(sandbox, seconds);
      return result(describe(record), `sandbox ${sandbox} now expires ${record.expires.toISOString()}`);
    });
}

/** The `destroy` tool. */
export function destroyTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string }>('destroy', 'Destroy a sandbox: its processes, its workspace (not a mounted host folder) and its /tmp.',
    { type: 'object', properties: { sandbox: SANDBOX_ARG }, required: ['sandbox'], additionalProperties: false },
    { title: 'Destroy sandbox', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    async ({ sandbox }) => {
      const manager = await deps.manager();
      manager.use(sandbox);
      await manager.destroy(sandbox);
      return result({ id: sandbox, destroyed: true }, `sandbox ${sandbox} destroyed`);
    });
}
