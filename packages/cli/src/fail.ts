import { isBerthError } from './berth-error.js';
import { HostStartError } from './host-start-error.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { printError } from './output.js';

/** Maps an error to the documented exit code. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof HostStartError) return ExitCode.HOST_FAILED;
  if (!isBerthError(error)) return ExitCode.ERRORS;
  if (/_NOT_FOUND$/.test(error.code)) return ExitCode.NOT_FOUND;
  if (['BERTH_PERMISSION_DENIED', 'BERTH_TOOL_DENIED', 'BERTH_GRANT_NOT_REQUESTED'].includes(error.code)) return ExitCode.REFUSED;
  if (error.code === 'BERTH_PERMISSION_UNKNOWN' || error.code === 'BERTH_GRANT_SCOPE_INVALID') return ExitCode.USAGE;
  if (error.code === 'BERTH_SERVER_RUNNING') return ExitCode.HOST_FAILED;
  return ExitCode.ERRORS;
}

/** Prints an error as the user should read it (`code: message`) and sets the exit code. */
export function reportFailure(error: unknown): void {
  if (isBerthError(error)) printError(`error ${error.code}: ${error.message}`);
  else printError(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = exitCodeFor(error);
}
