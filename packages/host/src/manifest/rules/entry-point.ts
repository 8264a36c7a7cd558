import { ErrorCodes } from '@berth/sdk';
import { isObject } from '../describe-value.js';
import { addError } from '../problem.js';
import type { ManifestRule } from './rule.js';

const TYPES_WITH_MAIN = new Set(['provider', 'tool']);
const MCP_TYPES = new Set(['mcp', 'mcp-provider']);
const SERVER_EXAMPLE = '"server": {"command": "node", "args": ["server.js"]} or "server": {"url": "http://127.0.0.1:8080/mcp"}';

/**
 * How the plugin runs, by `type`: provider and tool plugins need `main`; an mcp plugin needs exactly one of `main`
 * (a Node MCP server) or `server` (a command or a URL); only mcp plugins have `server`.
 */
export const entryPoint: ManifestRule = (context) => {
  const { raw, sink } = context;
  const type = raw['type'];
  const hasMain = raw['main'] !== undefined;
  const hasServer = raw['server'] !== undefined;
  if (typeof type !== 'string') return;
  if (TYPES_WITH_MAIN.has(type)) {
    if (!hasMain) {
      addError(sink, {
        path: '/main',
        code: ErrorCodes.MAIN_MISSING,
        message: `required field "main" is missing: a ${type} plugin runs the module it names`,
        expected: '"main": "index.js"',
        hint: 'add "main" naming the built entry module, e.g. "dist/index.js"',
      });
    }
    if (hasServer) {
      addError(sink, {
        path: '/server',
        message: `a ${type} plugin cannot have a "server" block (only mcp plugins do)`,
        hint: 'remove "server", or set "type": "mcp"',
      });
    }
    return;
  }
  if (!MCP_TYPES.has(type)) return;
  if (!hasMain && !hasServer) {
    addError(sink, {
      path: '',
      code: ErrorCodes.MAIN_MISSING,
      message: 'an mcp plugin needs "main" (a Node MCP server module) or "server" (a command to run or a URL to reach)',
      expected: `"main": "server.js", or ${SERVER_EXAMPLE}`,
      hint: 'add "main" or "server"',
    });
  } else if (hasMain && hasServer) {
    addError(sink, {
      path: '/server',
      message: 'an mcp plugin has either "main" or "server", not both',
      hint: 'remove "main" (the host runs "server") or remove "server" (the host runs "main" as an MCP server)',
    });
  }
};

/** The `server` block: `command` (stdio) or `url` (Streamable HTTP), never both, never neither. */
export const serverBlock: ManifestRule = (context) => {
  const server = context.raw['server'];
  if (!isObject(server)) return;
  const hasCommand = 'command' in server;
  const hasUrl = 'url' in server;
  if (hasCommand === hasUrl) {
    context.own('/server');
    addError(context.sink, {
      path: '/server',
      message: hasCommand ? 'a server block has "command" or "url", not both' : 'a server block needs "command" (stdio) or "url" (Streamable HTTP)',
      expected: SERVER_EXAMPLE,
      hint: hasCommand ? 'keep "command" for a local server or "url" for a remote one' : 'add "command" or "url"',
    });
  }
};
