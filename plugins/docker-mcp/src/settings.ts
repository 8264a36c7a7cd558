/** The plugin's name, as its manifest declares it and as its labels carry it. */
export const PLUGIN_NAME = 'docker-mcp-tools';

/** Which objects the tools may touch: only those this plugin created (`own`), or every object (`all`). */
export type Scope = 'own' | 'all';

/** The plugin's settings, after defaults. */
export interface DockerMcpSettings {
  /** The Docker socket (default `/var/run/docker.sock`); under Berth, the host's policy socket. */
  readonly dockerSocket: string;
  /** A `DOCKER_HOST`-style address (`unix://…`, `tcp://host:port`, `ssh://user@host`); wins over the socket. */
  readonly dockerHost?: string;
  /** When true, no state-changing tool is listed or callable. */
  readonly readOnly: boolean;
  /** Image patterns the plugin may run, pull or build (`*` wildcards); empty means any. */
  readonly allowedImages: readonly string[];
  /** Host folders bind mounts, copies and build contexts may come from (absolute). Empty means none. */
  readonly allowedRoots: readonly string[];
  /** Which objects may be touched. */
  readonly scope: Scope;
  /** The most bytes of output (logs, exec, copies) a tool returns; more is cut and flagged `truncated`. */
  readonly outputCapBytes: number;
}

/** The defaults, as `plugin.json` declares them. */
export const DEFAULT_SETTINGS: DockerMcpSettings = {
  dockerSocket: '/var/run/docker.sock',
  readOnly: false,
  allowedImages: [],
  allowedRoots: [],
  scope: 'own',
  outputCapBytes: 65_536,
};

type Raw = Record<string, unknown>;

/** Reads `BERTH_SETTINGS` (a JSON object) and `BERTH_SETTING_<NAME>` variables; the latter win. */
function rawSettings(env: NodeJS.ProcessEnv): Raw {
  const raw: Raw = {};
  const json = env['BERTH_SETTINGS'];
  if (json !== undefined && json.trim() !== '') {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) Object.assign(raw, parsed);
  }
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('BERTH_SETTING_') || value === undefined) continue;
    raw[key.slice('BERTH_SETTING_'.length).toLowerCase()] = value;
  }
  return raw;
}

/** A list setting: a JSON array, or a comma-separated string. */
function list(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).filter((v) => v !== '');
  const text = String(value).trim();
  if (text.startsWith('[')) return list(JSON.parse(text) as unknown);
  return text.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

/** A boolean setting: `true`/`1`/`yes` are true. */
function bool(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  return ['true', '1', 'yes', 'on'].includes(String(value).trim().toLowerCase());
}

/**
 * The settings from the environment Berth gives an `mcp` plugin (`BERTH_SETTINGS` JSON, `BERTH_SETTING_<NAME>`)
 * and from `DOCKER_HOST` when no `docker_host` setting is set.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): DockerMcpSettings {
  const raw = rawSettings(env);
  const scope = raw['scope'] === 'all' ? 'all' : 'own';
  const cap = Number(raw['output_cap_bytes']);
  const dockerHost = (raw['docker_host'] as string | undefined) ?? env['DOCKER_HOST'];
  return {
    dockerSocket: typeof raw['docker_socket'] === 'string' && raw['docker_socket'] !== '' ? raw['docker_socket'] : DEFAULT_SETTINGS.dockerSocket,
    ...(dockerHost !== undefined && dockerHost !== '' ? { dockerHost } : {}),
    readOnly: bool(raw['read_only']) ?? DEFAULT_SETTINGS.readOnly,
    allowedImages: list(raw['allowed_images']) ?? DEFAULT_SETTINGS.allowedImages,
    allowedRoots: list(raw['allowed_roots']) ?? DEFAULT_SETTINGS.allowedRoots,
    scope,
    outputCapBytes: Number.isFinite(cap) && cap > 0 ? cap : DEFAULT_SETTINGS.outputCapBytes,
  };
}
