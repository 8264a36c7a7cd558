import { ContributionIdInvalidError, type ContributionKind } from '@berth/sdk';

/**
 * Contribution ids.
 *
 * - A contribution's own id is `<plugin>/<name>` (for a scoped plugin `@scope/plugin/<name>`); its published id is
 *   that, or the user's alias for it (`HostConfig.aliases`), which may drop the namespace (`"a/echo": "echo"`).
 * - Each segment uses `A-Z a-z 0-9 _ . -`; an id is at most {@link MAX_ID_LENGTH} (64) characters, the limit LLM
 *   tool names have.
 * - Many MCP clients accept only `^[a-zA-Z0-9_-]{1,64}$` as a tool name, so each id also has a *wire name*: the
 *   slashes become `__`, each dot `_` and a leading `@` goes (`my-plugin/fs.read` → `my-plugin__fs_read`,
 *   `@acme/x/run` → `acme__x__run`). A wire name must be at most
 *   64 characters too; two ids with one wire name conflict like two equal ids do.
 */
export const MAX_ID_LENGTH = 64;

const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const PUBLISHED = /^(?:@[A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)?$/;
const WIRE = /^[A-Za-z0-9_-]{1,64}$/;

/** The own id of `plugin`'s contribution `name`, checked: `<plugin>/<name>`. */
export function contributionId(plugin: string, kind: ContributionKind, name: string): string {
  if (typeof name !== 'string' || !SEGMENT.test(name)) {
    throw new ContributionIdInvalidError(plugin, kind, String(name), 'has a name that is empty or uses characters other than A-Z a-z 0-9 _ . -');
  }
  return `${plugin}/${name}`;
}

/** Checks a published id (own id or alias) and returns its wire name. */
export function checkPublishedId(plugin: string, kind: ContributionKind, id: string): string {
  if (!PUBLISHED.test(id)) {
    throw new ContributionIdInvalidError(plugin, kind, id, 'must be `<plugin>/<name>` (or an alias `<name>`) with characters from A-Z a-z 0-9 _ . -');
  }
  if (id.length > MAX_ID_LENGTH) {
    throw new ContributionIdInvalidError(plugin, kind, id, `is ${id.length} characters long (at most ${MAX_ID_LENGTH}; set a shorter alias in the configuration's "aliases")`);
  }
  const wire = toWireName(id);
  if (!WIRE.test(wire)) {
    throw new ContributionIdInvalidError(plugin, kind, id, `has the MCP wire name '${wire}', ${wire.length} characters long (at most 64; set a shorter alias)`);
  }
  return wire;
}

/** The MCP wire name of a published id: a leading `@` dropped, `/` → `__`, `.` → `_`. */
export function toWireName(id: string): string {
  return id.replace(/^@/, '').replaceAll('/', '__').replaceAll('.', '_');
}

/** The published id an alias map gives `ownId` (itself when it has no alias). */
export function publishedId(ownId: string, aliases: Readonly<Record<string, string>> | undefined): string {
  const alias = aliases !== undefined && Object.hasOwn(aliases, ownId) ? aliases[ownId] : undefined;
  return typeof alias === 'string' && alias !== '' ? alias : ownId;
}
