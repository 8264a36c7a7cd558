/**
 * Errors raised inside the child. The child never loads `@berth/sdk` (it would double its start-up time and
 * memory): these are plain errors with the same `code`, message and details as the SDK's classes.
 */

/** Same code and message as the SDK's `PermissionDeniedError`. */
export function permissionDenied(plugin: string, permission: string, target?: string): Error {
  const what = target !== undefined ? ` to reach ${target}` : '';
  const error = new Error(
    `plugin '${plugin}' needs permission '${permission}'${what}, which is not granted (run: berth permissions grant ${plugin} ${permission})`,
  );
  error.name = 'PermissionDeniedError';
  return Object.assign(error, {
    code: 'BERTH_PERMISSION_DENIED',
    details: { plugin, permission, ...(target !== undefined ? { target } : {}), hint: `berth permissions grant ${plugin} ${permission}` },
  });
}

/** Same code and message shape as the host's `PluginModuleError`. */
export function moduleError(plugin: string, file: string, problem: string): Error {
  const error = new Error(`plugin '${plugin}' cannot start: ${file}: ${problem}`);
  error.name = 'PluginModuleError';
  return Object.assign(error, { code: 'BERTH_INITIALIZE_FAILED', details: { plugin, file } });
}
