import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** What kind of contribution an id names. */
export type ContributionKind = 'tool' | 'provider' | 'mcp' | 'service';

/**
 * Two plugins claim one contribution id (directly, through a user alias, or through the MCP wire name). The second
 * registration is refused; the message names both plugins and the alias that renames one.
 */
export class ContributionConflictError extends BerthError {
  /**
   * @param kind - tool, provider or MCP server
   * @param id - the contested id (the published id, or the wire name)
   * @param plugin - the plugin that was refused
   * @param holder - the plugin that already holds the id
   * @param own - the refused contribution's own namespaced id (`<plugin>/<name>`), the key of the alias that fixes it
   */
  constructor(kind: ContributionKind, id: string, plugin: string, holder: string, own: string) {
    const hint = `rename one in the configuration's "aliases", e.g. "${own}": "${own.replace('/', '-')}"`;
    super(
      ErrorCodes.CONTRIBUTION_CONFLICT,
      `plugin '${plugin}' cannot register ${kind} '${id}': plugin '${holder}' already registered it (${hint})`,
      { plugin, holder, kind, id, own, hint },
    );
  }
}

/** A contribution id or name is malformed or too long. */
export class ContributionIdInvalidError extends BerthError {
  /**
   * @param plugin - the plugin whose contribution it is
   * @param kind - tool, provider or MCP server
   * @param id - the offending id or name
   * @param problem - what is wrong, and the rule (e.g. "is 70 characters long (at most 64)")
   */
  constructor(plugin: string, kind: ContributionKind, id: string, problem: string) {
    super(ErrorCodes.CONTRIBUTION_ID_INVALID, `plugin '${plugin}': ${kind} id '${id}' ${problem}`, {
      plugin,
      kind,
      id,
      hint: 'use at most 64 characters from A-Z a-z 0-9 _ . - in `<plugin>/<name>`',
    });
  }
}
