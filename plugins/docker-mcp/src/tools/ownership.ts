import type Docker from 'dockerode';
import { DockerPolicyError } from '@berth/sdk';
import { isOwn, Labels } from '../policy/labels.js';
import { PLUGIN_NAME } from '../settings.js';
import type { ToolContext } from './tool.js';

/** Refuses an object not created by this plugin, unless the scope is `all`. */
function assertOwned(context: ToolContext, kind: string, id: string, labels: Record<string, string> | null | undefined): void {
  if (context.settings.scope === 'all' || isOwn(labels)) return;
  throw new DockerPolicyError(
    PLUGIN_NAME,
    `${kind} '${id}'`,
    `it was not created by ${PLUGIN_NAME} (it has no ${Labels.plugin}=${PLUGIN_NAME} label) and the scope is 'own'; ` +
      `set the scope setting to 'all' to manage objects created elsewhere`,
    kind,
  );
}

/** The container `id`, after checking the scope allows touching it; also returns its inspect data. */
export async function ownedContainer(context: ToolContext, id: string): Promise<{ container: Docker.Container; info: Docker.ContainerInspectInfo }> {
  const container = context.docker.getContainer(id);
  const info = await container.inspect();
  assertOwned(context, 'container', id, info.Config.Labels);
  return { container, info };
}

/** The network `id`, after checking the scope allows touching it. */
export async function ownedNetwork(context: ToolContext, id: string): Promise<{ network: Docker.Network; info: Docker.NetworkInspectInfo }> {
  const network = context.docker.getNetwork(id);
  const info = (await network.inspect()) as Docker.NetworkInspectInfo;
  assertOwned(context, 'network', id, info.Labels);
  return { network, info };
}

/** The volume `name`, after checking the scope allows touching it. */
export async function ownedVolume(context: ToolContext, name: string): Promise<{ volume: Docker.Volume; info: Docker.VolumeInspectInfo }> {
  const volume = context.docker.getVolume(name);
  const info = await volume.inspect();
  assertOwned(context, 'volume', name, info.Labels);
  return { volume, info };
}

/** The image `name`, after checking the scope allows touching it (built images carry the labels). */
export async function ownedImage(context: ToolContext, name: string): Promise<{ image: Docker.Image; info: Docker.ImageInspectInfo }> {
  const image = context.docker.getImage(name);
  const info = await image.inspect();
  assertOwned(context, 'image', name, info.Config.Labels);
  return { image, info };
}

/** The label filters a list applies: the plugin's own objects under scope `own`, plus the caller's. */
export function scopedLabelFilter(context: ToolContext, extra: readonly string[] = []): string[] {
  return context.settings.scope === 'own' ? [`${Labels.plugin}=${PLUGIN_NAME}`, ...extra] : [...extra];
}

/**
 * Under scope `own`, refuses giving an image a name (build tag, tag target) that an image this plugin did not
 * build already holds: that would silently replace what others run under that name.
 */
export async function assertImageNameFree(context: ToolContext, reference: string): Promise<void> {
  if (context.settings.scope === 'all') return;
  const existing = await context.docker.getImage(reference).inspect().catch(() => undefined);
  if (existing === undefined || isOwn(existing.Config.Labels)) return;
  throw new DockerPolicyError(
    PLUGIN_NAME,
    `naming an image '${reference}'`,
    `that name belongs to an image ${PLUGIN_NAME} did not build; choose another name (or set scope to 'all')`,
    'tag',
  );
}
