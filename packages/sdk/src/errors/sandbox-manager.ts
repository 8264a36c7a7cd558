import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** No sandbox with that id; the message lists the ones the plugin knows. */
export class SandboxNotFoundError extends BerthError {
  /**
   * @param plugin - the Sandbox Manager's name
   * @param id - the id asked for
   * @param known - the ids of the sandboxes that exist
   */
  constructor(plugin: string, id: string, known: readonly string[]) {
    const list = known.length > 0 ? `known sandboxes: ${known.join(', ')}` : 'there are no sandboxes; create one first';
    super(ErrorCodes.SANDBOX_NOT_FOUND, `plugin '${plugin}': no sandbox '${id}' (${list})`, {
      plugin,
      id,
      known: [...known],
      hint: 'call list to see the sandboxes, or create to make one',
    });
  }
}

/** A request asks beyond a cap of the settings; the message names the cap and the setting that raises it. */
export class SandboxLimitError extends BerthError {
  /**
   * @param plugin - the Sandbox Manager's name
   * @param field - the request field (e.g. `memory_mb`)
   * @param asked - what was asked for
   * @param cap - the most allowed
   * @param setting - the setting that raises the cap (e.g. `max_memory_mb`)
   */
  constructor(plugin: string, field: string, asked: string, cap: string, setting: string) {
    super(
      ErrorCodes.SANDBOX_LIMIT_EXCEEDED,
      `plugin '${plugin}': ${field} ${asked} is beyond the allowed ${cap}; ask for less, or raise the setting '${setting}' ` +
        `(berth config set ${plugin} ${setting} <value>)`,
      { plugin, path: `/${field}`, field, asked, cap, setting, hint: `ask for less, or raise the '${setting}' setting` },
    );
  }
}

/** A workspace folder outside the allowed roots, or a path leaving the sandbox's workspace. */
export class SandboxPathDeniedError extends BerthError {
  /**
   * @param plugin - the Sandbox Manager's name
   * @param path - the offending path
   * @param why - why it is refused and how to fix it
   */
  constructor(plugin: string, path: string, why: string) {
    super(ErrorCodes.SANDBOX_PATH_DENIED, `plugin '${plugin}': path '${path}' refused: ${why}`, { plugin, file: path, hint: why });
  }
}

/** A template the settings do not define. */
export class SandboxTemplateUnknownError extends BerthError {
  /**
   * @param plugin - the Sandbox Manager's name
   * @param template - the name asked for
   * @param known - the templates the settings define
   */
  constructor(plugin: string, template: string, known: readonly string[]) {
    const list = known.length > 0 ? known.join(', ') : 'none are defined';
    super(
      ErrorCodes.SANDBOX_TEMPLATE_UNKNOWN,
      `plugin '${plugin}': no template '${template}' in the setting 'templates' (templates: ${list}); pass image instead, or add the template`,
      { plugin, path: '/templates', template, known: [...known], hint: "add it to the plugin's 'templates' setting" },
    );
  }
}

/** A file operation inside a sandbox failed. */
export class SandboxFileError extends BerthError {
  /**
   * @param plugin - the Sandbox Manager's name
   * @param sandbox - the sandbox id
   * @param action - what was attempted (e.g. `read`)
   * @param path - the path inside the sandbox
   * @param reason - why it failed
   */
  constructor(plugin: string, sandbox: string, action: string, path: string, reason: string, options?: ErrorOptions) {
    super(ErrorCodes.SANDBOX_FILE_FAILED, `plugin '${plugin}': ${action} '${path}' in sandbox '${sandbox}' failed: ${reason}`, {
      plugin,
      sandbox,
      file: path,
    }, options);
  }
}

/** No sandbox backend can run here; the message says what was tried and what to install or start. */
export class SandboxBackendUnavailableError extends BerthError {
  /**
   * @param plugin - the Sandbox Manager's name
   * @param backend - the backend asked for (`docker`, `bwrap`)
   * @param reason - why it cannot run, with the fix (e.g. the fallback to use)
   */
  constructor(plugin: string, backend: string, reason: string, options?: ErrorOptions) {
    super(ErrorCodes.SANDBOX_BACKEND_UNAVAILABLE, `plugin '${plugin}': the ${backend} sandbox backend is not usable: ${reason}`, {
      plugin,
      backend,
      hint: reason,
    }, options);
  }
}
