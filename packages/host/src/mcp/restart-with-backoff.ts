import type { Logger } from '@berth/sdk';
import type { McpPluginConnection } from './connection.js';

/** The backoff of {@link restartWithBackoff}. */
export interface McpRestartPolicy {
  /** The first delay, in milliseconds (default 100). */
  readonly initialDelayMs?: number;
  /** The longest delay, in milliseconds (default 10 s). */
  readonly maxDelayMs?: number;
  /** Crashes within {@link McpRestartPolicy.windowMs} after which Berth gives up: a crash loop (default 5). */
  readonly maxCrashes?: number;
  /** The window crashes are counted in, in milliseconds (default 60 s). */
  readonly windowMs?: number;
}

/**
 * Restarts an `mcp` plugin's server whenever it dies, after a delay that doubles per crash; after too many crashes
 * in the window it stops trying (a crash loop) and calls `onCrashLoop`. For servers outside the sandbox's own
 * supervisor (which drives `reconnect()` itself). Returns a function that stops watching.
 */
export function restartWithBackoff(
  connection: McpPluginConnection,
  logger: Logger,
  policy: McpRestartPolicy = {},
  onCrashLoop: (crashes: number) => void = () => undefined,
): () => void {
  const { initialDelayMs = 100, maxDelayMs = 10_000, maxCrashes = 5, windowMs = 60_000 } = policy;
  const crashes: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  const attempt = (delay: number): void => {
    timer = setTimeout(() => {
      if (connection.state === 'closed') return;
      connection.reconnect().then(
        () => logger.info(`restarted the MCP server of plugin '${connection.plugin}'`),
        (error: unknown) => {
          logger.warn({ err: error }, `restarting the MCP server of plugin '${connection.plugin}' failed`);
          if (!recordCrash()) attempt(Math.min(delay * 2, maxDelayMs));
        },
      );
    }, delay);
  };
  /** Counts a crash; true when that makes a crash loop. */
  const recordCrash = (): boolean => {
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && (crashes[0] ?? now) < now - windowMs) crashes.shift();
    if (crashes.length < maxCrashes) return false;
    logger.error(`the MCP server of plugin '${connection.plugin}' crashed ${crashes.length} times in ${windowMs} ms; not restarting it`);
    onCrashLoop(crashes.length);
    return true;
  };
  const stop = connection.onClose(() => {
    if (!recordCrash()) attempt(Math.min(initialDelayMs * 2 ** (crashes.length - 1), maxDelayMs));
  });
  return () => {
    stop();
    clearTimeout(timer);
  };
}
