/** Structured facts attached to a {@link BerthError}, all optional and data-only. */
export interface BerthErrorDetails {
  /** The plugin the error is about, when there is one. */
  readonly plugin?: string;
  /** The file the error is about (a manifest, a configuration file), when there is one. */
  readonly file?: string;
  /** A JSON pointer (e.g. `/version`) into {@link BerthErrorDetails.file}, when there is one. */
  readonly path?: string;
  /** How the user fixes it, one sentence (e.g. a command to run). */
  readonly hint?: string;
  /** Any further data-only facts (must be structured-cloneable). */
  readonly [key: string]: unknown;
}

/** The serialisable form of a {@link BerthError}, as it crosses a process boundary or is printed as JSON. */
export interface SerializedBerthError {
  /** The stable code, e.g. `BERTH_MANIFEST_INVALID`. */
  readonly code: string;
  /** The human-readable message. */
  readonly message: string;
  /** The error class name. */
  readonly name: string;
  /** Data-only details. */
  readonly details: BerthErrorDetails;
  /** The cause chain, outermost first. */
  readonly causes?: readonly { readonly name: string; readonly message: string; readonly code?: string }[];
}

/**
 * The base of every error Berth raises. Each subclass has a stable `code` (never reworded) and a message that names
 * who (the plugin), what (the file, field or permission) and the fix.
 */
export class BerthError extends Error {
  /** The stable, documented error code. */
  readonly code: string;
  /** Data-only details (plugin, file, path, hint, …). */
  readonly details: BerthErrorDetails;

  /**
   * @param code - the stable code
   * @param message - the human-readable message
   * @param details - data-only facts
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(code: string, message: string, details: BerthErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }

  /** The plugin the error is about, if any. */
  get plugin(): string | undefined {
    return this.details.plugin;
  }

  /** A JSON-safe form of this error, including its cause chain. */
  toJSON(): SerializedBerthError {
    return { code: this.code, message: this.message, name: this.name, details: this.details, causes: causeChain(this) };
  }
}

/** The cause chain of an error, outermost first, as plain data. */
export function causeChain(error: unknown): { name: string; message: string; code?: string }[] {
  const chain: { name: string; message: string; code?: string }[] = [];
  let current: unknown = error instanceof Error ? error.cause : undefined;
  while (current !== undefined && chain.length < 16) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      chain.push({ name: current.name, message: current.message, ...(typeof code === 'string' ? { code } : {}) });
      current = current.cause;
    } else {
      chain.push({ name: 'Error', message: String(current) });
      current = undefined;
    }
  }
  return chain;
}

/** True when `value` is a {@link BerthError} (or carries a Berth error code after crossing a boundary). */
export function isBerthError(value: unknown): value is BerthError {
  return value instanceof BerthError;
}
