import { stat } from 'node:fs/promises';
import { DockerPolicyError } from '@berth/sdk';
import { pack } from 'tar-fs';
import { imageLabelsFor } from '../../policy/labels.js';
import { assertHostPathAllowed } from '../../policy/mount-guard.js';
import { assertImageAllowed } from '../../policy/run-guard.js';
import { PLUGIN_NAME } from '../../settings.js';
import { assertImageNameFree } from '../ownership.js';
import { changes, defineTool, objectSchema, Props } from '../tool.js';
import { followProgress } from './pull-stream.js';

/** The arguments of `image_build`. */
interface BuildArgs {
  readonly context: string;
  readonly tag: string;
  readonly dockerfile?: string;
  readonly build_args?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly no_cache?: boolean;
  readonly pull?: boolean;
}

/** `image_build`: build an image from a context folder inside the allowed roots; progress reported. */
export const imageBuild = defineTool<BuildArgs>({
  name: 'image_build',
  title: 'Build an image',
  description:
    'Build an image from a context folder inside allowed_roots (like docker build), reporting each step as ' +
    'progress. The image is labelled as Berth-managed, so it can later be tagged and removed by this plugin.',
  inputSchema: objectSchema(
    {
      context: { type: 'string', description: 'Host folder holding the build context (inside allowed_roots)' },
      tag: { type: 'string', minLength: 1, description: 'Name:tag of the built image' },
      dockerfile: { type: 'string', description: 'Dockerfile path inside the context (default Dockerfile)' },
      build_args: Props.stringMap,
      labels: Props.labels,
      no_cache: { type: 'boolean' },
      pull: { type: 'boolean', description: 'Try to pull newer base images (default false)' },
    },
    ['context', 'tag'],
  ),
  annotations: changes(false),
  async run(args, context) {
    assertImageAllowed(args.tag, context.settings.allowedImages);
    await assertImageNameFree(context, args.tag);
    const folder = assertHostPathAllowed(args.context, 'context', context.settings.allowedRoots, context.protectedSockets);
    if (!(await stat(folder)).isDirectory()) {
      throw new DockerPolicyError(PLUGIN_NAME, `build context '${args.context}'`, 'it is not a folder', 'context');
    }
    const stream = (await (context.docker.buildImage.bind(context.docker) as (context: NodeJS.ReadableStream, options: object) => Promise<unknown>)(pack(folder) as unknown as NodeJS.ReadableStream, {
      t: args.tag,
      dockerfile: args.dockerfile ?? 'Dockerfile',
      labels: imageLabelsFor(context.session, args.labels),
      buildargs: { ...args.build_args },
      nocache: args.no_cache ?? false,
      pull: args.pull ?? false,
      rm: true,
      forcerm: true,
    })) as NodeJS.ReadableStream;
    const { lines, imageId } = await followProgress(context, stream);
    const info = await context.docker.getImage(args.tag).inspect();
    return {
      summary: `built ${args.tag} (${info.Id.slice(0, 19)})`,
      data: { tag: args.tag, id: imageId ?? info.Id, log: lines.slice(-50) },
    };
  },
});
