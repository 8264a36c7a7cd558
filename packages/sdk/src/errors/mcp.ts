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

/** An `mcp` plugin's `server.args`, `server.env` or `server.cwd` uses a variable that has no value here. */
export class McpServerVariableError extends BerthError {
  /**
   * @param plugin - the `mcp` plugin
   * @param file - its `plugin.json`
   * @param field - the JSON path of the field, e.g. `/server/env/MEMORY_FILE_PATH`
   * @param variable - the variable, e.g. `workspace`
   */
  constructor(plugin: string, file: string, field: string, variable: string) {
    super(
      ErrorCodes.MCP_SERVER_VARIABLE,
      `plugin '${plugin}' (${file}, ${field}) uses \${${variable}}, which has no value here` +
        (variable === 'workspace' ? '; start Berth with a workspace folder, or use ${pluginData} for the plugin\'s own files' : ''),
      { plugin, file, path: field, hint: `remove \${${variable}} from ${field}, or give it a value` },
    );
  }
}

/**
 * An `mcp` plugin's `server.command` runs an npm package (`npx <package>`) or a bin name that is not installed in
 * the plugin folder: Berth never downloads code at start, and a program it cannot find it cannot confine.
 */
export class McpServerNotInstalledError extends BerthError {
  /**
   * @param plugin - the `mcp` plugin
   * @param file - its `plugin.json`
   * @param what - the package or bin name
   * @param dir - the plugin folder it was looked for in
   */
  constructor(plugin: string, file: string, what: string, dir: string) {
    super(
      ErrorCodes.MCP_SERVER_NOT_INSTALLED,
      `plugin '${plugin}' (${file}, /server/command) runs '${what}', which is not installed in ${dir}: npx would ` +
        `download and run it outside the sandbox; run \`npm install ${what}\` in the plugin folder (Berth then runs its bin ` +
        `file sandboxed), or point "command" at the server's file`,
      { plugin, file, path: '/server/command', hint: `cd ${dir} && npm install ${what}` },
    );
  }
}
