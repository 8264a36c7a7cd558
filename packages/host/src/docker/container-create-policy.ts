import { asObject, canonicalKeys, foldKey } from './canonical-keys.js';
import { DockerPolicyRefusal } from './decision.js';
import { assertBindSourceAllowed } from './host-paths.js';
import { withForcedLabels } from './labels.js';
import type { OwnershipChecker } from './ownership.js';
import { remoteBindSource } from './remote-paths.js';
import type { RemoteEngineView } from './remote-paths.js';

/** What the create checks need. */
export interface CreatePolicyContext {
  /** Host folders bind mounts may come from. */
  readonly allowedRoots: readonly string[];
  /** Socket paths no mount may expose. */
  readonly sockets: readonly string[];
  /** Looks up owners. */
  readonly owners: OwnershipChecker;
  /** The plugin. */
  readonly plugin: string;
  /** Labels recording the proxy run, forced with the plugin's on containers and networks (for the reaper). */
  readonly runLabels: Readonly<Record<string, string>>;
  /** Set when the engine is remote: bind sources must be mapped (and are rewritten) to paths on its machine. */
  readonly remote?: RemoteEngineView;
}

type Json = Record<string, unknown>;

/** Networks any container may join. */
const BUILT_IN_NETWORKS = new Set(['', 'bridge', 'default', 'none']);

/** `SecurityOpt` entries that only tighten confinement. */
const TIGHTENING_SECURITY_OPTS = new Set(['no-new-privileges', 'no-new-privileges:true', 'no-new-privileges=true']);

/** True when a field is set to something other than empty. */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '' || value === 0) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Fields that hand a container power over the host, refused whenever set. */
const REFUSED_WHEN_SET: readonly [field: string, what: string][] = [
  ['Privileged', 'a privileged container'],
  ['CapAdd', 'added capabilities'],
  ['Devices', 'device mappings'],
  ['DeviceRequests', 'device requests (GPUs and other host devices)'],
  ['DeviceCgroupRules', 'device cgroup rules'],
  ['CgroupParent', 'a custom cgroup parent'],
  ['Cgroup', "another container's cgroup"],
  ['VolumesFrom', "another container's volumes"],
  ['Links', 'links to other containers'],
  ['Sysctls', 'kernel parameters (sysctls)'],
  ['Annotations', 'OCI runtime annotations'],
  ['CpuRealtimeRuntime', 'realtime CPU scheduling'],
  ['CpuRealtimePeriod', 'realtime CPU scheduling'],
];

/** Fields refused whenever present, even empty: an empty list unmasks `/proc` paths the engine masks by default. */
const REFUSED_WHEN_PRESENT: readonly [field: string, what: string][] = [
  ['MaskedPaths', 'changing the masked /proc paths'],
  ['ReadonlyPaths', 'changing the read-only /proc paths'],
];

/** Namespace modes that join the host's (or another container's) namespace. */
const NAMESPACE_FIELDS = ['PidMode', 'IpcMode', 'UTSMode', 'UsernsMode', 'CgroupnsMode'] as const;

/** Refuses a joined namespace: `host`, or `container:<id>`. */
function checkNamespaces(host: Json): void {
  for (const field of NAMESPACE_FIELDS) {
    const mode = host[field];
    if (typeof mode !== 'string') continue;
    if (mode === 'host' || mode.startsWith('container:')) {
      throw new DockerPolicyRefusal(`${field}=${mode} (HostConfig.${field})`, "joining the host's or another container's namespaces is never allowed");
    }
  }
}

/** Refuses the dangerous fields, namespaces, security options and runtimes of a `HostConfig`. */
function checkHostConfig(host: Json): void {
  for (const [field, what] of REFUSED_WHEN_SET) {
    if (isSet(host[field])) throw new DockerPolicyRefusal(`${what} (HostConfig.${field})`, 'it would weaken the isolation between the container and the host');
  }
  for (const [field, what] of REFUSED_WHEN_PRESENT) {
    if (host[field] !== undefined && host[field] !== null) {
      throw new DockerPolicyRefusal(`${what} (HostConfig.${field})`, 'it would weaken the isolation between the container and the host');
    }
  }
  checkNamespaces(host);
  const opts = Array.isArray(host['SecurityOpt']) ? (host['SecurityOpt'] as unknown[]) : [];
  for (const opt of opts) {
    if (!TIGHTENING_SECURITY_OPTS.has(String(opt))) {
      throw new DockerPolicyRefusal(`the security option '${String(opt)}' (HostConfig.SecurityOpt)`, 'only no-new-privileges is allowed; others can disable seccomp, AppArmor or SELinux');
    }
  }
  const runtime = host['Runtime'];
  if (isSet(runtime) && runtime !== 'runc') throw new DockerPolicyRefusal(`the runtime '${String(runtime)}' (HostConfig.Runtime)`, 'only the default runtime is allowed');
  const oomScore = host['OomScoreAdj'];
  if (typeof oomScore === 'number' && oomScore < 0) {
    throw new DockerPolicyRefusal(`a negative OOM score (HostConfig.OomScoreAdj=${oomScore})`, 'it shields the container from the kernel\'s out-of-memory killer at the host\'s expense');
  }
  const volumeDriver = host['VolumeDriver'];
  if (isSet(volumeDriver) && volumeDriver !== 'local') {
    throw new DockerPolicyRefusal(`the volume driver '${String(volumeDriver)}' (HostConfig.VolumeDriver)`, 'only the local volume driver is allowed');
  }
  const log = asObject(host['LogConfig']);
  const logType = log !== undefined ? canonicalKeys(log, ['Type'], 'HostConfig.LogConfig.')['Type'] : undefined;
  if (isSet(logType) && !LOCAL_LOG_DRIVERS.has(String(logType))) {
    throw new DockerPolicyRefusal(`the log driver '${String(logType)}' (HostConfig.LogConfig.Type)`, 'log drivers that ship logs elsewhere make the engine connect out; use json-file, local or none');
  }
}

/** Log drivers that keep logs on the engine's host. */
const LOCAL_LOG_DRIVERS = new Set(['json-file', 'local', 'none']);

/** Checks a network the container would join. */
async function checkNetwork(name: string, field: string, context: CreatePolicyContext): Promise<void> {
  if (name === 'host' || name.startsWith('container:')) {
    throw new DockerPolicyRefusal(`network mode '${name}' (${field})`, "joining the host's or another container's network namespace is never allowed");
  }
  if (BUILT_IN_NETWORKS.has(name)) return;
  await context.owners.assertOwned('network', encodeURIComponent(name));
}

/** Checks a named volume the container would mount: it must exist and be the plugin's. */
async function checkNamedVolume(name: string, field: string, context: CreatePolicyContext): Promise<void> {
  if (!(await context.owners.exists('volume', name))) {
    throw new DockerPolicyRefusal(`the volume '${name}' (${field})`, 'named volumes must be created first (through this socket, so they carry the plugin\'s labels)');
  }
  await context.owners.assertOwned('volume', encodeURIComponent(name));
}

/** Checks `HostConfig.Binds` entries (`source:target[:options]`). */
async function checkBinds(host: Json, context: CreatePolicyContext): Promise<void> {
  const binds = Array.isArray(host['Binds']) ? (host['Binds'] as unknown[]) : [];
  for (const [index, bind] of binds.entries()) {
    const [source = '', ...rest] = String(bind).split(':');
    const field = `HostConfig.Binds[${index}]`;
    if (!source.startsWith('/')) {
      await checkNamedVolume(source, field, context);
      continue;
    }
    assertBindSourceAllowed(source, field, context.allowedRoots, context.sockets);
    if (context.remote !== undefined) binds[index] = [remoteBindSource(source, field, context.remote), ...rest].join(':');
  }
}

/** Checks `HostConfig.Mounts` entries. */
async function checkMounts(host: Json, context: CreatePolicyContext): Promise<void> {
  const mounts = Array.isArray(host['Mounts']) ? (host['Mounts'] as Json[]) : [];
  for (const [index, mount] of mounts.entries()) {
    const field = `HostConfig.Mounts[${index}]`;
    const type = String(mount['Type'] ?? '');
    const source = String(mount['Source'] ?? '');
    if (type === 'bind') {
      assertBindSourceAllowed(source, `${field}.Source`, context.allowedRoots, context.sockets);
      if (context.remote !== undefined) mount['Source'] = remoteBindSource(source, `${field}.Source`, context.remote);
    } else if (type === 'volume') {
      const options = mount['VolumeOptions'] as Json | undefined;
      if (isSet(options?.['DriverConfig'])) throw new DockerPolicyRefusal(`volume driver options (${field}.VolumeOptions.DriverConfig)`, 'driver options can mount host folders');
      if (source !== '') await checkNamedVolume(source, `${field}.Source`, context);
    } else if (type !== 'tmpfs') {
      throw new DockerPolicyRefusal(`a mount of type '${type}' (${field}.Type)`, 'only bind (inside allowed roots), volume and tmpfs mounts are allowed');
    }
  }
}

/** The top-level create fields the policy reads or writes. */
const CREATE_FIELDS = ['HostConfig', 'NetworkingConfig', 'Labels'] as const;

/**
 * The top-level keys a create body may hold: the container's `Config` fields, `HostConfig`, `NetworkingConfig`,
 * and the `name` / `platform` some clients repeat in the body. The engine also reads *host* settings from the top
 * level when `HostConfig` is absent (a legacy form: `{"Image": …, "Privileged": true}`), so every other key is refused.
 */
const TOP_LEVEL_KEYS = new Set(
  [
    'Hostname', 'Domainname', 'User', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'ExposedPorts', 'Tty', 'OpenStdin',
    'StdinOnce', 'Env', 'Cmd', 'Healthcheck', 'ArgsEscaped', 'Image', 'Volumes', 'WorkingDir', 'Entrypoint',
    'NetworkDisabled', 'MacAddress', 'OnBuild', 'Labels', 'StopSignal', 'StopTimeout', 'Shell', 'HostConfig',
    'NetworkingConfig', 'name', 'platform',
  ].map(foldKey),
);

/** Refuses top-level keys outside {@link TOP_LEVEL_KEYS}. */
function refuseTopLevelHostSettings(body: Json): void {
  for (const key of Object.keys(body)) {
    if (!TOP_LEVEL_KEYS.has(foldKey(key))) {
      throw new DockerPolicyRefusal(`the top-level field '${key}'`, 'host settings belong in HostConfig, and unknown fields are not forwarded');
    }
  }
}

/** The `HostConfig` fields the policy reads. */
const HOST_CONFIG_FIELDS = [
  ...REFUSED_WHEN_SET.map(([field]) => field),
  ...REFUSED_WHEN_PRESENT.map(([field]) => field),
  ...NAMESPACE_FIELDS,
  'SecurityOpt',
  'Runtime',
  'Binds',
  'Mounts',
  'NetworkMode',
  'VolumeDriver',
  'LogConfig',
  'OomScoreAdj',
];

/** The `Mounts[]` fields the policy reads. */
const MOUNT_FIELDS = ['Type', 'Source', 'VolumeOptions'] as const;

/**
 * The create body with every field the policy reads spelled as the policy reads it (the engine matches keys
 * case-insensitively), down to `HostConfig`, its mounts and `NetworkingConfig`.
 */
function canonicalCreateBody(raw: Json): Json {
  refuseTopLevelHostSettings(raw);
  const body = canonicalKeys(raw, CREATE_FIELDS, '');
  const host = asObject(body['HostConfig']);
  if (host !== undefined) {
    const canonicalHost = canonicalKeys(host, HOST_CONFIG_FIELDS, 'HostConfig.');
    if (Array.isArray(canonicalHost['Mounts'])) {
      canonicalHost['Mounts'] = (canonicalHost['Mounts'] as unknown[]).map((mount, i) => {
        const m = asObject(mount);
        if (m === undefined) return mount;
        const canonicalMount = canonicalKeys(m, MOUNT_FIELDS, `HostConfig.Mounts[${i}].`);
        const options = asObject(canonicalMount['VolumeOptions']);
        if (options !== undefined) canonicalMount['VolumeOptions'] = canonicalKeys(options, ['DriverConfig'], `HostConfig.Mounts[${i}].VolumeOptions.`);
        return canonicalMount;
      });
    }
    body['HostConfig'] = canonicalHost;
  }
  const networking = asObject(body['NetworkingConfig']);
  if (networking !== undefined) body['NetworkingConfig'] = canonicalKeys(networking, ['EndpointsConfig'], 'NetworkingConfig.');
  return body;
}

/**
 * The policy of `POST /containers/create`: refuses privileged containers, added capabilities, devices, host or
 * shared namespaces, loosened security options, socket mounts and binds outside the allowed roots; forces the
 * plugin's labels. Returns the body to forward.
 */
export async function containerCreatePolicy(raw: Json, context: CreatePolicyContext): Promise<Json> {
  const body = canonicalCreateBody(raw);
  const host = (typeof body['HostConfig'] === 'object' && body['HostConfig'] !== null ? body['HostConfig'] : {}) as Json;
  checkHostConfig(host);
  await checkBinds(host, context);
  await checkMounts(host, context);
  if (typeof host['NetworkMode'] === 'string') await checkNetwork(host['NetworkMode'], 'HostConfig.NetworkMode', context);
  const endpoints = (body['NetworkingConfig'] as Json | undefined)?.['EndpointsConfig'];
  for (const name of Object.keys((endpoints as Json | undefined) ?? {})) await checkNetwork(name, 'NetworkingConfig.EndpointsConfig', context);
  return { ...body, Labels: withForcedLabels(body['Labels'], context.plugin, context.runLabels) };
}
