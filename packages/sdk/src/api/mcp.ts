/** A declaration of an MCP server an `mcp` plugin offers (see the manifest's `mcp` field). */
export interface McpServerInfo {
  /** The namespaced id, `<plugin>/<name>`. */
  readonly id: string;
  /** The owning plugin. */
  readonly plugin: string;
}

/** `context.mcp`: the MCP servers registered with the host. */
export interface McpApi {
  /** Lists the MCP servers of loaded plugins. */
  list(): Promise<readonly McpServerInfo[]>;
}
