import { labelsFor } from '../../policy/labels.js';
import { ownedVolume, scopedLabelFilter } from '../ownership.js';
import { changes, defineTool, destroys, objectSchema, Props, READS } from '../tool.js';

/** A volume name. */
const volumeProp = { type: 'string', minLength: 1, description: 'Volume name' };

/** `volume_list`. */
export const volumeList = defineTool<{ readonly name?: string; readonly label?: readonly string[] }>({
  name: 'volume_list',
  title: 'List volumes',
  description: 'List volumes (under scope own, those this plugin created), filtered by name or label.',
  inputSchema: objectSchema({ name: { type: 'string' }, label: { type: 'array', items: { type: 'string' } } }),
  annotations: READS,
  async run(args, context) {
    const filters: Record<string, string[]> = { label: scopedLabelFilter(context, args.label) };
    if (args.name !== undefined) filters['name'] = [args.name];
    const list = await context.docker.listVolumes({ filters });
    const volumes = (list.Volumes ?? []).map((v) => ({ name: v.Name, driver: v.Driver, mountpoint: v.Mountpoint, labels: v.Labels ?? {} }));
    return { summary: `${volumes.length} volume(s)`, data: { volumes } };
  },
});

/** `volume_inspect`. */
export const volumeInspect = defineTool<{ readonly volume: string }>({
  name: 'volume_inspect',
  title: 'Inspect a volume',
  description: 'Show a volume: driver, mount point, labels.',
  inputSchema: objectSchema({ volume: volumeProp }, ['volume']),
  annotations: READS,
  async run(args, context) {
    const { info } = await ownedVolume(context, args.volume);
    return { summary: `volume ${info.Name} (${info.Driver})`, data: { volume: info } };
  },
});

/** `volume_create`: a local volume (driver options, which can bind host folders, are not offered). */
export const volumeCreate = defineTool<{ readonly name: string; readonly labels?: Readonly<Record<string, string>> }>({
  name: 'volume_create',
  title: 'Create a volume',
  description: 'Create a named local volume, labelled as Berth-managed.',
  inputSchema: objectSchema({ name: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$' }, labels: Props.labels }, ['name']),
  annotations: changes(true),
  async run(args, context) {
    const volume = (await context.docker.createVolume({ Name: args.name, Driver: 'local', Labels: labelsFor(context.session, args.labels) })) as unknown as { Name?: string; name?: string };
    return { summary: `created volume ${args.name}`, data: { name: volume.Name ?? volume.name ?? args.name } };
  },
});

/** `volume_remove`. */
export const volumeRemove = defineTool<{ readonly volume: string; readonly force?: boolean }>({
  name: 'volume_remove',
  title: 'Remove a volume',
  description: 'Remove a volume this plugin created (its data is lost).',
  inputSchema: objectSchema({ volume: volumeProp, force: { type: 'boolean' } }, ['volume']),
  annotations: destroys(true),
  async run(args, context) {
    const { volume, info } = await ownedVolume(context, args.volume);
    await volume.remove({ force: args.force ?? false });
    return { summary: `removed volume ${info.Name}`, data: { name: info.Name, removed: true } };
  },
});
