import type { JsonObject, ToolDefinition } from '@berth/sdk';
import { assertWithin } from '../limits.js';
import type { FileEntry } from '../sandbox.js';
import { workspacePath } from '../workspace-path.js';
import { SANDBOX_ARG, result, tool } from './tool.js';
import type { ToolDeps } from './tool.js';

const PATH_ARG = { type: 'string', minLength: 1, description: 'A path in the workspace: relative to /workspace, or absolute under it.' } as const;
const WRITES = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
const READS = { readOnlyHint: true, idempotentHint: true, openWorldHint: false } as const;

/** A file entry as JSON. */
const entryJson = (e: FileEntry): JsonObject => ({ ...e });

/** Schema of a tool taking just a sandbox and a path. */
const pathOnly = { type: 'object', properties: { sandbox: SANDBOX_ARG, path: PATH_ARG }, required: ['sandbox', 'path'], additionalProperties: false };

/** `write_file`. */
export function writeFileTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string; path: string; content: string; encoding?: 'utf8' | 'base64'; mode?: string }>(
    'write_file', 'Write a file in a sandbox\'s workspace (folders made as needed), as text or base64.',
    { type: 'object', properties: { sandbox: SANDBOX_ARG, path: PATH_ARG, content: { type: 'string' }, encoding: { type: 'string', enum: ['utf8', 'base64'] }, mode: { type: 'string', pattern: '^[0-7]{3,4}$', description: 'Octal permissions, e.g. 755.' } }, required: ['sandbox', 'path', 'content'], additionalProperties: false },
    { title: 'Write a file', ...WRITES },
    async ({ sandbox, path, content, encoding, mode }) => {
      const manager = await deps.manager();
      const target = workspacePath(path);
      const data = Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8');
      assertWithin('content', data.length, manager.settings.max_output_bytes * 16, 'max_output_bytes', ' bytes');
      await manager.while(sandbox, (r) => manager.backend.writeFile(r.id, target, data, mode !== undefined ? Number.parseInt(mode, 8) : undefined));
      return result({ path: target, bytes: data.length }, `wrote ${data.length} bytes to ${target}`);
    });
}

/** `read_file`. */
export function readFileTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string; path: string; encoding?: 'utf8' | 'base64'; max_bytes?: number }>(
    'read_file', 'Read a file of a sandbox\'s workspace, as text (utf8) or base64; capped (truncated says so).',
    { type: 'object', properties: { sandbox: SANDBOX_ARG, path: PATH_ARG, encoding: { type: 'string', enum: ['utf8', 'base64'] }, max_bytes: { type: 'integer', minimum: 1 } }, required: ['sandbox', 'path'], additionalProperties: false },
    { title: 'Read a file', ...READS },
    async ({ sandbox, path, encoding, max_bytes }) => {
      const manager = await deps.manager();
      const cap = max_bytes ?? manager.settings.max_output_bytes;
      assertWithin('max_bytes', cap, manager.settings.max_output_bytes, 'max_output_bytes');
      const target = workspacePath(path);
      const file = await manager.while(sandbox, (r) => manager.backend.readFile(r.id, target, cap));
      const content = file.data.toString(encoding === 'base64' ? 'base64' : 'utf8');
      return result({ path: target, content, encoding: encoding ?? 'utf8', size: file.size, truncated: file.truncated }, content);
    });
}

/** `list_files`. */
export function listFilesTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string; path?: string }>(
    'list_files', 'List a folder of a sandbox\'s workspace (one level): name, type, size, mode, modified.',
    { type: 'object', properties: { sandbox: SANDBOX_ARG, path: PATH_ARG }, required: ['sandbox'], additionalProperties: false },
    { title: 'List files', ...READS },
    async ({ sandbox, path }) => {
      const manager = await deps.manager();
      const target = workspacePath(path ?? '.');
      const entries = await manager.while(sandbox, (r) => manager.backend.list(r.id, target));
      return result({ path: target, entries: entries.map(entryJson) }, entries.map((e) => `${e.type === 'directory' ? 'd' : '-'} ${e.size}\t${e.name}`).join('\n'));
    });
}

/** `stat`. */
export function statTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string; path: string }>('stat', 'Describe one path of a sandbox\'s workspace.', pathOnly, { title: 'Stat a path', ...READS },
    async ({ sandbox, path }) => {
      const manager = await deps.manager();
      const target = workspacePath(path);
      const entry = await manager.while(sandbox, (r) => manager.backend.stat(r.id, target));
      return result(entryJson(entry), `${entry.type} ${entry.size} bytes, mode ${entry.mode}`);
    });
}

/** `mkdir`. */
export function mkdirTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string; path: string }>('mkdir', 'Make a folder (and its parents) in a sandbox\'s workspace.', pathOnly, { title: 'Make a folder', ...WRITES },
    async ({ sandbox, path }) => {
      const manager = await deps.manager();
      const target = workspacePath(path);
      await manager.while(sandbox, (r) => manager.backend.mkdir(r.id, target));
      return result({ path: target }, `made ${target}`);
    });
}

/** `remove`. */
export function removeTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string; path: string }>('remove', 'Remove a file or folder (recursively) from a sandbox\'s workspace.', pathOnly,
    { title: 'Remove a path', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    async ({ sandbox, path }) => {
      const manager = await deps.manager();
      const target = workspacePath(path);
      await manager.while(sandbox, (r) => manager.backend.remove(r.id, target));
      return result({ path: target, removed: true }, `removed ${target}`);
    });
}

/** `upload_folder`. */
export function uploadFolderTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string; path: string; archive_base64: string }>(
    'upload_folder', 'Unpack a tar archive (base64) into a folder of a sandbox\'s workspace (made as needed).',
    { type: 'object', properties: { sandbox: SANDBOX_ARG, path: PATH_ARG, archive_base64: { type: 'string', minLength: 1 } }, required: ['sandbox', 'path', 'archive_base64'], additionalProperties: false },
    { title: 'Upload a folder', ...WRITES },
    async ({ sandbox, path, archive_base64 }) => {
      const manager = await deps.manager();
      const target = workspacePath(path);
      const tar = Buffer.from(archive_base64, 'base64');
      await manager.while(sandbox, (r) => manager.backend.putArchive(r.id, target, tar));
      return result({ path: target, bytes: tar.length }, `unpacked ${tar.length} bytes into ${target}`);
    });
}

/** `download_folder`. */
export function downloadFolderTool(deps: ToolDeps): ToolDefinition {
  return tool<{ sandbox: string; path: string }>(
    'download_folder', 'Pack a folder of a sandbox\'s workspace as a tar archive (base64; entries relative to the folder).', pathOnly,
    { title: 'Download a folder', ...READS },
    async ({ sandbox, path }) => {
      const manager = await deps.manager();
      const target = workspacePath(path);
      const tar = await manager.while(sandbox, (r) => manager.backend.getArchive(r.id, target));
      return result({ path: target, bytes: tar.length, archive_base64: tar.toString('base64') }, `packed ${target}: ${tar.length} bytes`);
    });
}
