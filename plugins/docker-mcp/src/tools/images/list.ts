import { defineTool, objectSchema, READS } from '../tool.js';

/** The arguments of `image_list`. */
interface ImageListArgs {
  readonly all?: boolean;
  readonly reference?: string;
  readonly label?: readonly string[];
  readonly dangling?: boolean;
}

/** `image_list`: local images (images are shared read-only, so every local image is listed). */
export const imageList = defineTool<ImageListArgs>({
  name: 'image_list',
  title: 'List images',
  description: 'List local images, filtered by reference (e.g. alpine:*), label or dangling.',
  inputSchema: objectSchema({
    all: { type: 'boolean', description: 'Include intermediate images' },
    reference: { type: 'string' },
    label: { type: 'array', items: { type: 'string' } },
    dangling: { type: 'boolean' },
  }),
  annotations: READS,
  async run(args, context) {
    const filters: Record<string, string[]> = {};
    if (args.reference !== undefined) filters['reference'] = [args.reference];
    if (args.label !== undefined) filters['label'] = [...args.label];
    if (args.dangling !== undefined) filters['dangling'] = [String(args.dangling)];
    const list = await context.docker.listImages({ all: args.all ?? false, filters });
    const images = list.map((i) => ({ id: i.Id, tags: i.RepoTags ?? [], size: i.Size, created: i.Created, labels: i.Labels ?? {} }));
    return { summary: `${images.length} image(s)`, data: { images } };
  },
});
