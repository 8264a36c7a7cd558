import { assertImageAllowed } from '../../policy/run-guard.js';
import { assertImageNameFree, ownedImage } from '../ownership.js';
import { changes, defineTool, objectSchema } from '../tool.js';

/** Splits `repo:tag` (a registry port is not a tag). */
function splitReference(reference: string): { repo: string; tag: string } {
  const match = /^(.+?)(?::([^/:]+))?$/.exec(reference);
  return { repo: match?.[1] ?? reference, tag: match?.[2] ?? 'latest' };
}

/** `image_tag`: give an image this plugin built another name. */
export const imageTag = defineTool<{ readonly image: string; readonly target: string }>({
  name: 'image_tag',
  title: 'Tag an image',
  description: 'Add a name (repo:tag) to an image this plugin built (or any image under scope all).',
  inputSchema: objectSchema({ image: { type: 'string', minLength: 1 }, target: { type: 'string', minLength: 1 } }, ['image', 'target']),
  annotations: changes(true),
  async run(args, context) {
    assertImageAllowed(args.target, context.settings.allowedImages);
    const { image, info } = await ownedImage(context, args.image);
    await assertImageNameFree(context, args.target);
    await image.tag(splitReference(args.target));
    return { summary: `tagged ${args.image} as ${args.target}`, data: { id: info.Id, target: args.target } };
  },
});
