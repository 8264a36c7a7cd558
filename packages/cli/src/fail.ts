import { BerthError } from '@berth/sdk';
import { HostStartError } from './context.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { printError } from './output.js';

/** Maps an error to the documented exit code. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof HostStartError) return ExitCode.HOST_FAILED;
  if (!(error instanceof BerthError)) return ExitCode.ERRORS;
  if (/_NOT_FOUND$/.test(error.code)) return ExitCode.NOT_FOUND;
  if (error.code === 'BERTH_PERMISSION_DENIED' || error.code === 'BERTH_TOOL_DENIED') return ExitCode.REFUSED;
  return ExitCode.ERRORS;
}

/** Prints an error as the user should read it (`code: message`) and sets the exit code. */
export function reportFailure(error: unknown): void {
  if (error instanceof BerthError) printError(`error ${error.code}: ${error.message}`);
  else printError(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = exitCodeFor(error);
}
