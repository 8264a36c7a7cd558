import { z } from 'zod';

/** An MCP server the host starts as a child process and talks to over stdio. */
export const stdioServerSchema = z
  .object({
    command: z.string().min(1).describe('The program to run (resolved on PATH, or relative to the plugin folder).'),
    args: z.array(z.string()).optional().describe('Its arguments; ${pluginDir} and setting names as ${config.<name>} are substituted.'),
    env: z.record(z.string(), z.string()).optional().describe('Extra environment variables for it.'),
    cwd: z.string().optional().describe('Its working folder, relative to the plugin folder (default: the plugin folder).'),
  })
  .describe('A stdio MCP server: the host runs `command` and speaks MCP over its stdin/stdout.');

/** A remote MCP server the host reaches over Streamable HTTP. */
export const httpServerSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).describe('The Streamable HTTP endpoint, e.g. "http://127.0.0.1:8080/mcp".'),
    headers: z.record(z.string(), z.string()).optional().describe('Extra HTTP headers sent with every request.'),
  })
  .describe('A Streamable HTTP MCP server the host connects to.');

/** The schema of an `mcp` plugin's `server` block: stdio (`command`) or Streamable HTTP (`url`). */
export const mcpServerSchema = z.union([stdioServerSchema, httpServerSchema]);

/** An `mcp` plugin's `server` block. */
export type McpServerSpec = z.infer<typeof mcpServerSchema>;
/** A stdio `server` block. */
export type StdioServerSpec = z.infer<typeof stdioServerSchema>;
/** A Streamable HTTP `server` block. */
export type HttpServerSpec = z.infer<typeof httpServerSchema>;
