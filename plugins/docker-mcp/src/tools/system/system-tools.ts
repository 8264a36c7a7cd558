import { scopedLabelFilter } from '../ownership.js';
import { defineTool, destroys, objectSchema, READS } from '../tool.js';

/** `system_health`: whether the engine answers, where, and in which API version; works while Docker is down. */
export const systemHealth = defineTool<Record<string, never>>({
  name: 'system_health',
  title: 'Docker health',
  description: 'Report whether the Docker engine is reachable, where it is looked for, and the negotiated API version.',
  inputSchema: objectSchema({}),
  annotations: { ...READS, idempotentHint: false },
  offline: true,
  async run(_args, context) {
    const health = await context.health();
    const summary = health.reachable ? `Docker ${health.engineVersion ?? ''} reachable at ${health.endpoint} (API ${health.apiVersion ?? '?'})` : (health.error ?? `Docker is not reachable at ${health.endpoint}`);
    return { summary, data: { ...health } };
  },
});

/** `system_info`. */
export const systemInfo = defineTool<Record<string, never>>({
  name: 'system_info',
  title: 'Docker system information',
  description: 'Engine-wide information: version, OS, CPUs, memory, storage driver, container and image counts.',
  inputSchema: objectSchema({}),
  annotations: READS,
  async run(_args, context) {
    const info = (await context.docker.info()) as Record<string, unknown>;
    return { summary: `Docker ${String(info['ServerVersion'])} on ${String(info['OperatingSystem'])}`, data: { info } };
  },
});

/** `system_version`. */
export const systemVersion = defineTool<Record<string, never>>({
  name: 'system_version',
  title: 'Docker version',
  description: 'The engine version and its API version range.',
  inputSchema: objectSchema({}),
  annotations: READS,
  async run(_args, context) {
    const version = await context.docker.version();
    return { summary: `Docker ${version.Version} (API ${version.ApiVersion})`, data: { version } };
  },
});

/** `system_disk_usage`. */
export const systemDiskUsage = defineTool<Record<string, never>>({
  name: 'system_disk_usage',
  title: 'Docker disk usage',
  description: 'Disk used by images, containers, volumes and the build cache (like docker system df).',
  inputSchema: objectSchema({}),
  annotations: READS,
  async run(_args, context) {
    const df = (await context.docker.df()) as { LayersSize?: number; Images?: { Size: number }[]; Containers?: { SizeRw?: number }[]; Volumes?: { UsageData?: { Size: number } }[]; BuildCache?: { Size: number }[] };
    const data = {
      layersSize: df.LayersSize ?? 0,
      images: { count: df.Images?.length ?? 0, size: (df.Images ?? []).reduce((s, i) => s + i.Size, 0) },
      containers: { count: df.Containers?.length ?? 0, size: (df.Containers ?? []).reduce((s, c) => s + (c.SizeRw ?? 0), 0) },
      volumes: { count: df.Volumes?.length ?? 0, size: (df.Volumes ?? []).reduce((s, v) => s + Math.max(0, v.UsageData?.Size ?? 0), 0) },
      buildCache: { count: df.BuildCache?.length ?? 0, size: (df.BuildCache ?? []).reduce((s, b) => s + b.Size, 0) },
    };
    return { summary: `layers ${data.layersSize} bytes, ${data.containers.count} containers, ${data.volumes.count} volumes`, data };
  },
});

/** The arguments of `system_prune`. */
interface PruneArgs {
  readonly containers?: boolean;
  readonly networks?: boolean;
  readonly volumes?: boolean;
  readonly images?: boolean;
}

/** `system_prune`: remove stopped containers, unused networks (and, when asked, volumes and images) — own only under scope own. */
export const systemPrune = defineTool<PruneArgs>({
  name: 'system_prune',
  title: 'Prune unused Docker objects',
  description:
    'Remove stopped containers and unused networks (default), and optionally unused volumes and dangling images. ' +
    'Under scope own, only objects this plugin created. Destructive.',
  inputSchema: objectSchema({ containers: { type: 'boolean' }, networks: { type: 'boolean' }, volumes: { type: 'boolean' }, images: { type: 'boolean' } }),
  annotations: destroys(true),
  async run(args, context) {
    const filters = { label: scopedLabelFilter(context) };
    const data: Record<string, unknown> = {};
    if (args.containers ?? true) data['containers'] = await context.docker.pruneContainers({ filters });
    if (args.networks ?? true) data['networks'] = await context.docker.pruneNetworks({ filters });
    if (args.volumes ?? false) data['volumes'] = await context.docker.pruneVolumes({ filters });
    if (args.images ?? false) data['images'] = await context.docker.pruneImages({ filters });
    return { summary: `pruned ${Object.keys(data).join(', ')}`, data };
  },
});
