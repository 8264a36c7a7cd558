/** The host could not start (a corrupt configuration it cannot recover from, an unreadable folder): exit code 5. */
export class HostStartError extends Error {
  /** @param cause - why */
  constructor(cause: unknown) {
    super(`the host could not start: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'HostStartError';
  }
}
