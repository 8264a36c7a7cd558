import { labelsFor } from '../../policy/labels.js';
import { ownedContainer, ownedNetwork, scopedLabelFilter } from '../ownership.js';
import { changes, defineTool, destroys, objectSchema, Props, READS } from '../tool.js';

/** A network id or name. */
const networkProp = { type: 'string', minLength: 1, description: 'Network id or name' };

/** `network_list`. */
export const networkList = defineTool<{ readonly name?: string; readonly label?: readonly string[] }>({
  name: 'network_list',
  title: 'List networks',
  description: 'List networks (under scope own, those this plugin created), filtered by name or label.',
  inputSchema: objectSchema({ name: { type: 'string' }, label: { type: 'array', items: { type: 'string' } } }),
  annotations: READS,
  async run(args, context) {
    const filters: Record<string, string[]> = { label: scopedLabelFilter(context, args.label) };
    if (args.name !== undefined) filters['name'] = [args.name];
    const list = await context.docker.listNetworks({ filters });
    const networks = list.map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver, scope: n.Scope, internal: n.Internal, labels: n.Labels ?? {} }));
    return { summary: `${networks.length} network(s)`, data: { networks } };
  },
});

/** `network_inspect`. */
export const networkInspect = defineTool<{ readonly network: string }>({
  name: 'network_inspect',
  title: 'Inspect a network',
  description: 'Show a network: driver, subnets, attached containers, labels.',
  inputSchema: objectSchema({ network: networkProp }, ['network']),
  annotations: READS,
  async run(args, context) {
    const { info } = await ownedNetwork(context, args.network);
    return { summary: `network ${info.Name} (${info.Driver})`, data: { network: info } };
  },
});

/** The arguments of `network_create`. */
interface NetworkCreateArgs {
  readonly name: string;
  readonly driver?: 'bridge';
  readonly internal?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
}

/** `network_create`. */
export const networkCreate = defineTool<NetworkCreateArgs>({
  name: 'network_create',
  title: 'Create a network',
  description: 'Create a bridge network (internal=true cuts it off from the outside).',
  inputSchema: objectSchema(
    { name: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$' }, driver: { enum: ['bridge'], description: 'Only bridge: macvlan/ipvlan/host would attach containers to the host network' }, internal: { type: 'boolean' }, labels: Props.labels },
    ['name'],
  ),
  annotations: changes(false),
  async run(args, context) {
    const network = await context.docker.createNetwork({
      Name: args.name,
      Driver: args.driver ?? 'bridge',
      Internal: args.internal ?? false,
      CheckDuplicate: true,
      Labels: labelsFor(context.session, args.labels),
    });
    return { summary: `created network ${args.name}`, data: { id: network.id, name: args.name } };
  },
});

/** `network_remove`. */
export const networkRemove = defineTool<{ readonly network: string }>({
  name: 'network_remove',
  title: 'Remove a network',
  description: 'Remove a network this plugin created.',
  inputSchema: objectSchema({ network: networkProp }, ['network']),
  annotations: destroys(true),
  async run(args, context) {
    const { network, info } = await ownedNetwork(context, args.network);
    await network.remove();
    return { summary: `removed network ${info.Name}`, data: { id: info.Id, removed: true } };
  },
});

/** The arguments of `network_connect` and `network_disconnect`. */
interface AttachArgs {
  readonly network: string;
  readonly container: string;
  readonly aliases?: readonly string[];
  readonly force?: boolean;
}

/** `network_connect`. */
export const networkConnect = defineTool<AttachArgs>({
  name: 'network_connect',
  title: 'Connect a container to a network',
  description: 'Connect a container to a network (both created by this plugin under scope own).',
  inputSchema: objectSchema({ network: networkProp, container: Props.container, aliases: { type: 'array', items: { type: 'string' } } }, ['network', 'container']),
  annotations: changes(false),
  async run(args, context) {
    const { network, info } = await ownedNetwork(context, args.network);
    const { container } = await ownedContainer(context, args.container);
    await network.connect({ Container: container.id, ...(args.aliases !== undefined ? { EndpointConfig: { Aliases: [...args.aliases] } } : {}) });
    return { summary: `connected ${args.container} to ${info.Name}`, data: { network: info.Id, container: container.id, connected: true } };
  },
});

/** `network_disconnect`. */
export const networkDisconnect = defineTool<AttachArgs>({
  name: 'network_disconnect',
  title: 'Disconnect a container from a network',
  description: 'Disconnect a container from a network (both created by this plugin under scope own).',
  inputSchema: objectSchema({ network: networkProp, container: Props.container, force: { type: 'boolean' } }, ['network', 'container']),
  annotations: changes(true),
  async run(args, context) {
    const { network, info } = await ownedNetwork(context, args.network);
    const { container } = await ownedContainer(context, args.container);
    await network.disconnect({ Container: container.id, Force: args.force ?? false });
    return { summary: `disconnected ${args.container} from ${info.Name}`, data: { network: info.Id, container: container.id, connected: false } };
  },
});
