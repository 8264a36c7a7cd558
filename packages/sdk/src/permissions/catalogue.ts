/** How much harm a permission allows if the plugin misbehaves. */
export type PermissionRisk = 'low' | 'medium' | 'high' | 'critical';

/** What a scoped permission is scoped to: file paths, network hosts or environment variable names. */
export type PermissionScopeKind = 'paths' | 'hosts' | 'names' | 'programs';

/** One entry of the permission catalogue, as shown to the user who approves it. */
export interface PermissionInfo {
  /** The permission's name as written in `plugin.json`, e.g. `filesystem.read`. */
  readonly name: string;
  /** One sentence a user understands: what the plugin can do once granted. */
  readonly description: string;
  /** How much harm it allows. */
  readonly risk: PermissionRisk;
  /** What it may be scoped to in `plugin.json`, when it is scopable. */
  readonly scope?: PermissionScopeKind;
  /** What it means when declared without a scope (scopable permissions only). */
  readonly unscoped?: string;
}

/** The variables a filesystem scope may start with. */
export const PATH_VARIABLES = ['${workspace}', '${home}', '${pluginData}', '${tmp}'] as const;

/** One of {@link PATH_VARIABLES}. */
export type PathVariable = (typeof PATH_VARIABLES)[number];

/** Every permission a plugin may declare, with its description and risk. Deny by default: nothing else exists. */
export const PERMISSION_CATALOGUE = {
  'filesystem.read': {
    name: 'filesystem.read',
    description: 'Read files and list folders.',
    risk: 'medium',
    scope: 'paths',
    unscoped: "only the plugin's own folder and its data folder",
  },
  'filesystem.write': {
    name: 'filesystem.write',
    description: 'Create, change and delete files.',
    risk: 'high',
    scope: 'paths',
    unscoped: "only the plugin's data folder",
  },
  network: {
    name: 'network',
    description: 'Connect to other computers over the network (the internet or your local network).',
    risk: 'medium',
    scope: 'hosts',
    unscoped: 'any host',
  },
  'process.spawn': {
    name: 'process.spawn',
    description: 'Start other programs, confined by the same sandbox as the plugin.',
    risk: 'high',
    scope: 'programs',
    unscoped: 'any program',
  },
  'process.unconfined': {
    name: 'process.unconfined',
    description:
      "Start the MCP server command outside Berth's sandbox: it can do anything your user account can do.",
    risk: 'critical',
  },
  env: {
    name: 'env',
    description: 'Read environment variables, which often hold tokens and passwords.',
    risk: 'medium',
    scope: 'names',
    unscoped: 'every environment variable',
  },
  'docker.access': {
    name: 'docker.access',
    description:
      'Control Docker: start containers, mount any folder, run as root. Control of Docker is control of the whole machine.',
    risk: 'critical',
  },
  'hooks.tools': {
    name: 'hooks.tools',
    description: "See and change every tool call (arguments and results), including other plugins' tools.",
    risk: 'high',
  },
  'hooks.providers': {
    name: 'hooks.providers',
    description: 'See and change every request to and response from the language-model providers.',
    risk: 'high',
  },
  'worker.threads': {
    name: 'worker.threads',
    description: 'Run work in background threads inside its own sandbox.',
    risk: 'low',
  },
  'native.addons': {
    name: 'native.addons',
    description: 'Load compiled native code, which the JavaScript sandbox cannot inspect or limit.',
    risk: 'critical',
  },
} as const satisfies Record<string, PermissionInfo>;

/** The name of a permission in the catalogue. */
export type PermissionName = keyof typeof PERMISSION_CATALOGUE;

/** Every permission name, in catalogue order. */
export const PERMISSION_NAMES = Object.keys(PERMISSION_CATALOGUE) as [PermissionName, ...PermissionName[]];

/** True when `name` is a permission of the catalogue. */
export function isPermissionName(name: unknown): name is PermissionName {
  return typeof name === 'string' && Object.hasOwn(PERMISSION_CATALOGUE, name);
}

/** The catalogue entry of a permission, or `undefined` for an unknown name. */
export function permissionInfo(name: string): PermissionInfo | undefined {
  return isPermissionName(name) ? PERMISSION_CATALOGUE[name] : undefined;
}
