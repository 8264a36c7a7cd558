import { imageUnavailable } from '../../docker/errors.js';
import { assertImageAllowed } from '../../policy/run-guard.js';
import { defineTool, objectSchema } from '../tool.js';
import { pullImage } from './pull-stream.js';

/** `image_pull`: pull an image, reporting progress as MCP progress notifications. */
export const imagePull = defineTool<{ readonly image: string }>({
  name: 'image_pull',
  title: 'Pull an image',
  description: 'Pull an image from its registry (progress reported as MCP progress notifications). Must match allowed_images.',
  inputSchema: objectSchema({ image: { type: 'string', minLength: 1, description: 'Image reference (tag defaults to latest)' } }, ['image']),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, context) {
    assertImageAllowed(args.image, context.settings.allowedImages);
    const local = await context.docker.getImage(args.image).inspect().catch(() => undefined);
    try {
      const { lines } = await pullImage(context, args.image);
      const info = await context.docker.getImage(args.image).inspect();
      return { summary: `pulled ${args.image}`, data: { image: args.image, id: info.Id, status: lines.slice(-5) } };
    } catch (error) {
      if (local === undefined) throw imageUnavailable(args.image, error);
      throw error;
    }
  },
});
