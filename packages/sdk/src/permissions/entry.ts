import { z } from 'zod';
import { PERMISSION_CATALOGUE, PERMISSION_NAMES } from './catalogue.js';
import type { PermissionInfo, PermissionName } from './catalogue.js';

const described = (text: string) => z.array(z.string().min(1)).min(1).describe(text);

const pathScope = described(
  'Paths the permission is limited to: absolute, or starting with ${workspace}, ${home}, ${pluginData} or ${tmp}. ' +
    'A trailing /** includes everything below.',
);

/** One catalogue permission as a literal carrying its description and risk (editors show them while completing). */
const catalogueLiteral = (name: PermissionName) => {
  const info: PermissionInfo = PERMISSION_CATALOGUE[name];
  return z.literal(name).describe(`${info.description} Risk: ${info.risk}.`);
};

/** A permission named by a plain string, as in the specification's example: `"docker.access"`. */
export const permissionNameSchema = z
  .union(PERMISSION_NAMES.map(catalogueLiteral) as [ReturnType<typeof catalogueLiteral>, ...ReturnType<typeof catalogueLiteral>[]])
  .describe('A permission from the catalogue.');

/** A filesystem permission limited to some paths: `{"permission": "filesystem.read", "paths": ["${workspace}"]}`. */
export const scopedFilesystemPermissionSchema = z
  .object({
    permission: z.enum(['filesystem.read', 'filesystem.write']),
    paths: pathScope,
  })
  .describe('A filesystem permission limited to some paths.');

/** A network permission limited to some hosts: `{"permission": "network", "hosts": ["api.example.com"]}`. */
export const scopedNetworkPermissionSchema = z
  .object({
    permission: z.literal('network'),
    hosts: described('Host names (optionally host:port; a leading *. matches subdomains) the plugin may connect to.'),
  })
  .describe('Network access limited to some hosts.');

/** An env permission limited to some variables: `{"permission": "env", "names": ["GITHUB_TOKEN"]}`. */
export const scopedEnvPermissionSchema = z
  .object({
    permission: z.literal('env'),
    names: described('Environment variable names the plugin may read.'),
  })
  .describe('Environment access limited to some variables.');

/** A process.spawn permission limited to some programs: `{"permission": "process.spawn", "programs": ["/usr/bin/chromium"]}`. */
export const scopedSpawnPermissionSchema = z
  .object({
    permission: z.literal('process.spawn'),
    programs: described('Absolute paths of the only programs the plugin may start (no shell unless listed).'),
  })
  .describe('Starting programs, limited to some executables.');

/** One entry of a manifest's `permissions`: a plain permission name or a scoped permission object. */
export const permissionEntrySchema = z.union([
  permissionNameSchema,
  scopedFilesystemPermissionSchema,
  scopedNetworkPermissionSchema,
  scopedEnvPermissionSchema,
  scopedSpawnPermissionSchema,
]);

/** One entry of a manifest's `permissions`, as written. */
export type PermissionEntry = z.infer<typeof permissionEntrySchema>;

/** A permission in one shape, whatever form the manifest used; matches the host's `SavedGrant`. */
export interface NormalizedPermission {
  /** The permission's name. */
  readonly permission: PermissionName;
  /** Its scope (paths, hosts or variable names), when scoped. */
  readonly scope?: readonly string[];
}

/** Turns a manifest permission entry (plain or scoped) into `{permission, scope?}`. */
export function normalizePermission(entry: PermissionEntry): NormalizedPermission {
  if (typeof entry === 'string') return { permission: entry };
  if ('paths' in entry) return { permission: entry.permission, scope: entry.paths };
  if ('hosts' in entry) return { permission: entry.permission, scope: entry.hosts };
  if ('programs' in entry) return { permission: entry.permission, scope: entry.programs };
  return { permission: entry.permission, scope: entry.names };
}

/** Normalises every entry of a manifest's `permissions`. */
export function normalizePermissions(entries: readonly PermissionEntry[]): NormalizedPermission[] {
  return entries.map(normalizePermission);
}
