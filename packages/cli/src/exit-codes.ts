/**
 * The `berth` command's exit codes. Stable: scripts may depend on them.
 * - 0: success
 * - 1: the command ran and found errors (invalid manifests, a failed call, a refused value)
 * - 2: usage error (unknown option, missing argument)
 * - 3: the named plugin, tool or model does not exist
 * - 4: permission or approval refused
 * - 5: the host could not start (bad configuration, port in use)
 */
export const ExitCode = {
  /** Success. */
  OK: 0,
  /** The command ran and found errors. */
  ERRORS: 1,
  /** Usage error. */
  USAGE: 2,
  /** Not found. */
  NOT_FOUND: 3,
  /** Permission or approval refused. */
  REFUSED: 4,
  /** The host could not start. */
  HOST_FAILED: 5,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
