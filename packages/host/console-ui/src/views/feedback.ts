import { ApiError } from '../api.js';
import { replace, statusLine } from '../dom.js';

/** Runs an action, showing its outcome (or the server's error, as text) in `where`. */
export async function act(where: HTMLElement, what: string, run: () => Promise<unknown>): Promise<boolean> {
  replace(where, statusLine(`${what}\u2026`));
  try {
    await run();
    replace(where, statusLine(`${what}: done`, 'ok'));
    return true;
  } catch (error) {
    replace(where, statusLine(`${what} failed: ${messageOf(error)}`, 'error'));
    return false;
  }
}

/** The message of an error, with the server's code. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
