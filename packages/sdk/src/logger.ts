/** A log method: a message, or structured fields then a message (pino's calling convention). */
export interface LogFn {
  (message: string): void;
  (fields: Record<string, unknown>, message?: string): void;
}

/** The logger a plugin receives: a `pino` child logger carrying the plugin's name. */
export interface Logger {
  /** Very detailed diagnostics. */
  readonly trace: LogFn;
  /** Diagnostics. */
  readonly debug: LogFn;
  /** Normal operation. */
  readonly info: LogFn;
  /** Something unexpected that the plugin handled. */
  readonly warn: LogFn;
  /** A failure. */
  readonly error: LogFn;
}
