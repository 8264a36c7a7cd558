import type { ToolDefinition } from '@berth/sdk';
import { execTool } from './exec.js';
import { createTool } from './create.js';
import { downloadFolderTool, listFilesTool, mkdirTool, readFileTool, removeTool, statTool, uploadFolderTool, writeFileTool } from './files.js';
import { destroyTool, extendTool, inspectTool, listTool } from './lifecycle.js';
import type { ToolDeps } from './tool.js';

/** Every tool of the plugin, in the manifest's order. */
export function sandboxTools(deps: ToolDeps): ToolDefinition[] {
  return [
    createTool(deps),
    execTool(deps),
    writeFileTool(deps),
    readFileTool(deps),
    listFilesTool(deps),
    statTool(deps),
    mkdirTool(deps),
    removeTool(deps),
    uploadFolderTool(deps),
    downloadFolderTool(deps),
    listTool(deps),
    inspectTool(deps),
    extendTool(deps),
    destroyTool(deps),
  ];
}
