/**
 * Reports a sandboxed process makes to the host over its stderr, one line each: a record separator, `berth:`, then
 * JSON. Used where no RPC channel exists (an `mcp` plugin's server speaks MCP on stdio); the host's stderr reader
 * turns them into the plugin's log lines and audit records. A plugin can write such lines itself: they only ever
 * speak about that plugin, and are read as plain data.
 */
export const REPORT_PREFIX = '\u001eberth:';

/** What a sandboxed process reports about itself. */
export type ChildReport =
  /** A permission denial inside the process. */
  | { readonly event: 'denied'; readonly permission: string; readonly target: string }
  /** A program the plugin started ended with an error or a signal (or could not start). */
  | {
      readonly event: 'child-exit';
      readonly program: string;
      readonly pid?: number;
      readonly code: number | null;
      readonly signal: string | null;
      /** True when the plugin itself had signalled it (a normal stop, e.g. a browser closed by its driver). */
      readonly stoppedByPlugin?: boolean;
      /** The last lines it wrote to stderr (when the plugin piped it). */
      readonly stderr: readonly string[];
    };

/** Writes one report line to stderr. Never throws. */
export function writeReport(report: ChildReport): void {
  try {
    process.stderr.write(`${REPORT_PREFIX}${JSON.stringify(report)}\n`);
  } catch {
    // best effort
  }
}

/** The report a stderr line carries, if it is one. */
export function parseReport(line: string): ChildReport | undefined {
  if (!line.startsWith(REPORT_PREFIX)) return undefined;
  try {
    const value = JSON.parse(line.slice(REPORT_PREFIX.length)) as Partial<ChildReport> | null;
    if (value === null || typeof value !== 'object') return undefined;
    if (value.event === 'denied' && typeof value.permission === 'string' && typeof value.target === 'string') return value as ChildReport;
    if (value.event === 'child-exit' && typeof value.program === 'string' && Array.isArray(value.stderr)) {
      return { ...(value as ChildReport), stderr: (value.stderr as unknown[]).filter((l): l is string => typeof l === 'string').slice(-40) } as ChildReport;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
