import type { BerthError } from '@berth/sdk/errors';

/**
 * Whether `error` is one of Berth's coded errors, told by its stable `BERTH_*` code rather than its class: the
 * `berth` command is bundled with its own copy of the SDK's classes, while the host it loads on demand throws the
 * installed SDK's, so `instanceof` would miss those (and `berth --version` need not load the error catalogue).
 */
export function isBerthError(error: unknown): error is BerthError {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('BERTH_');
}
