import { scopedLabelFilter } from '../ownership.js';
import { defineTool, objectSchema, READS } from '../tool.js';

/** The arguments of `container_list`. */
interface ListArgs {
  readonly all?: boolean;
  readonly label?: readonly string[];
  readonly name?: string;
  readonly status?: string;
  readonly ancestor?: string;
}

/** `container_list`: containers, filtered; under scope `own` only those this plugin created. */
export const containerList = defineTool<ListArgs>({
  name: 'container_list',
  title: 'List containers',
  description: 'List containers (running only unless all=true), filtered by label, name, status or image.',
  inputSchema: objectSchema({
    all: { type: 'boolean', description: 'Include stopped containers' },
    label: { type: 'array', items: { type: 'string' }, description: 'Label filters: key or key=value' },
    name: { type: 'string' },
    status: { enum: ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'] },
    ancestor: { type: 'string', description: 'Image the containers were created from' },
  }),
  annotations: READS,
  async run(args, context) {
    const filters: Record<string, string[]> = { label: scopedLabelFilter(context, args.label) };
    if (args.name !== undefined) filters['name'] = [args.name];
    if (args.status !== undefined) filters['status'] = [args.status];
    if (args.ancestor !== undefined) filters['ancestor'] = [args.ancestor];
    const list = await context.docker.listContainers({ all: args.all ?? false, filters });
    const containers = list.map((c) => ({
      id: c.Id,
      names: c.Names.map((n) => n.replace(/^\//, '')),
      image: c.Image,
      command: c.Command,
      state: c.State,
      status: c.Status,
      created: c.Created,
      ports: c.Ports,
      labels: c.Labels,
    }));
    return { summary: `${containers.length} container(s)`, data: { containers } };
  },
});
