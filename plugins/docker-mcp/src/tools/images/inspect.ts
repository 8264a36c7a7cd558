import { defineTool, objectSchema, READS } from '../tool.js';

/** `image_inspect`: an image's full inspect data (any local image may be read). */
export const imageInspect = defineTool<{ readonly image: string }>({
  name: 'image_inspect',
  title: 'Inspect an image',
  description: 'Show the low-level information of a local image (config, layers, labels, size).',
  inputSchema: objectSchema({ image: { type: 'string', minLength: 1 } }, ['image']),
  annotations: READS,
  async run(args, context) {
    const info = await context.docker.getImage(args.image).inspect();
    return { summary: `image ${args.image} is ${info.Id.slice(0, 19)}`, data: { image: info } };
  },
});
