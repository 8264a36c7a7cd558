import { ownedContainer } from '../ownership.js';
import { defineTool, destroys, objectSchema, Props } from '../tool.js';

/** The arguments of `container_remove`. */
interface RemoveArgs {
  readonly container: string;
  readonly force?: boolean;
  readonly volumes?: boolean;
}

/** `container_remove`: remove a container (force stops it first). */
export const containerRemove = defineTool<RemoveArgs>({
  name: 'container_remove',
  title: 'Remove a container',
  description: 'Remove a container; force=true stops a running one first; volumes=true removes its anonymous volumes.',
  inputSchema: objectSchema(
    { container: Props.container, force: { type: 'boolean' }, volumes: { type: 'boolean' } },
    ['container'],
  ),
  annotations: destroys(true),
  async run(args, context) {
    const { container } = await ownedContainer(context, args.container);
    await container.remove({ force: args.force ?? false, v: args.volumes ?? false });
    return { summary: `removed container ${args.container}`, data: { id: container.id, removed: true } };
  },
});
