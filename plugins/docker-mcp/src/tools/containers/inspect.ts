import { ownedContainer } from '../ownership.js';
import { defineTool, objectSchema, Props, READS } from '../tool.js';

/** `container_inspect`: a container's full inspect data. */
export const containerInspect = defineTool<{ readonly container: string }>({
  name: 'container_inspect',
  title: 'Inspect a container',
  description: 'Show the low-level information of a container (state, config, mounts, network settings).',
  inputSchema: objectSchema({ container: Props.container }, ['container']),
  annotations: READS,
  async run(args, context) {
    const { info } = await ownedContainer(context, args.container);
    return { summary: `container ${info.Name.replace(/^\//, '')} is ${info.State.Status}`, data: { container: info } };
  },
});
