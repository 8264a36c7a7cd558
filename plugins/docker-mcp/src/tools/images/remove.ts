import { ownedImage } from '../ownership.js';
import { defineTool, destroys, objectSchema } from '../tool.js';

/** `image_remove`: remove an image (or one of its tags) this plugin built. */
export const imageRemove = defineTool<{ readonly image: string; readonly force?: boolean }>({
  name: 'image_remove',
  title: 'Remove an image',
  description: 'Remove an image or one of its tags. Under scope own, only images this plugin built.',
  inputSchema: objectSchema({ image: { type: 'string', minLength: 1 }, force: { type: 'boolean' } }, ['image']),
  annotations: destroys(true),
  async run(args, context) {
    const { image } = await ownedImage(context, args.image);
    const result = (await image.remove({ force: args.force ?? false })) as { Untagged?: string; Deleted?: string }[];
    return { summary: `removed ${args.image}`, data: { image: args.image, result } };
  },
});
