import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/**
 * An `mcp` plugin's MCP server exited or dropped its connection. In-flight calls to its tools fail with this
 * error at once; the host restarts the server with backoff.
 */
export class McpServerCrashedError extends BerthError {
  /**
   * @param plugin - the `mcp` plugin whose server went away
   * @param reason - what happened, e.g. `the connection closed during 'notes/wait'`
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(plugin: string, reason: string, options?: ErrorOptions) {
    super(
      ErrorCodes.PLUGIN_CRASHED,
      `the MCP server of plugin '${plugin}' stopped: ${reason}; Berth restarts it — retry the call, ` +
        `and if it keeps stopping run: berth plugins inspect ${plugin}`,
      { plugin, reason, hint: `berth plugins inspect ${plugin}` },
      options,
    );
  }
}

/** An `mcp` plugin's MCP server could not be started, reached, or failed the MCP handshake. */
export class McpConnectFailedError extends BerthError {
  /**
   * @param plugin - the `mcp` plugin
   * @param target - what was started or reached (a command line or a URL)
   * @param reason - the underlying failure's message
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(plugin: string, target: string, reason: string, options?: ErrorOptions) {
    super(
      ErrorCodes.MCP_CONNECT_FAILED,
      `plugin '${plugin}': could not connect to its MCP server (${target}): ${reason}; ` +
        `check the 'server' (or 'main') field of its plugin.json and that the server starts on its own`,
      { plugin, target, reason, path: '/server', hint: `run the server by hand: ${target}` },
      options,
    );
  }
}

/** An `mcp` plugin's manifest has neither a `main` Node server nor a `server` command or URL. */
export class McpServerUnspecifiedError extends BerthError {
  /**
   * @param plugin - the `mcp` plugin
   * @param file - its `plugin.json`
   */
  constructor(plugin: string, file: string) {
    super(
      ErrorCodes.MCP_SERVER_UNSPECIFIED,
      `plugin '${plugin}' (${file}) is of type 'mcp' but says neither how to start its MCP server nor where to ` +
        `reach it; add "main": "<server>.js", or "server": { "command": "...", "args": [...] }, or ` +
        `"server": { "url": "http://..." }`,
      { plugin, file, path: '/server', hint: 'add a "main" or a "server" field to plugin.json' },
    );
  }
}
