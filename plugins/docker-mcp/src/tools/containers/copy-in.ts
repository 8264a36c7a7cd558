import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { DockerPolicyError } from '@berth/sdk';
import { pack as packFolder } from 'tar-fs';
import { pack as packStream } from 'tar-stream';
import { assertHostPathAllowed } from '../../policy/mount-guard.js';
import { PLUGIN_NAME } from '../../settings.js';
import { ownedContainer } from '../ownership.js';
import { changes, defineTool, objectSchema, Props } from '../tool.js';

/** The arguments of `container_copy_in`. */
interface CopyInArgs {
  readonly container: string;
  readonly path: string;
  readonly source?: string;
  readonly content?: string;
  readonly file_name?: string;
  readonly encoding?: 'utf8' | 'base64';
}

/** A tar of one file holding `content`. */
function tarOfContent(name: string, content: Buffer): Readable {
  const archive = packStream();
  archive.entry({ name, size: content.length, mode: 0o644, mtime: new Date() }, content);
  archive.finalize();
  return archive as unknown as Readable;
}

/** `container_copy_in`: copy a host file or folder (inside allowed roots), or given text, into a container. */
export const containerCopyIn = defineTool<CopyInArgs>({
  name: 'container_copy_in',
  title: 'Copy into a container',
  description:
    'Copy a host file or folder (source, inside allowed_roots) or given content (content + file_name) into a ' +
    'folder of a container (path, which must exist).',
  inputSchema: objectSchema(
    {
      container: Props.container,
      path: { type: 'string', pattern: '^/', description: 'Destination folder inside the container' },
      source: { type: 'string', description: 'Host file or folder to copy (inside allowed_roots)' },
      content: { type: 'string', description: 'File content to write instead of a host source' },
      file_name: { type: 'string', pattern: '^[^/]+$', description: 'Name of the file written from content' },
      encoding: { enum: ['utf8', 'base64'], description: 'Encoding of content (default utf8)' },
    },
    ['container', 'path'],
  ),
  annotations: changes(true),
  async run(args, context) {
    const real = args.source !== undefined ? assertHostPathAllowed(args.source, 'source', context.settings.allowedRoots, context.protectedSockets) : undefined;
    const { container } = await ownedContainer(context, args.container);
    let archive: Readable;
    let what: string;
    if (real !== undefined) {
      await stat(real);
      archive = packFolder(dirname(real), { entries: [basename(real)] }) as unknown as Readable;
      what = basename(real);
    } else if (args.content !== undefined && args.file_name !== undefined) {
      archive = tarOfContent(args.file_name, Buffer.from(args.content, args.encoding ?? 'utf8'));
      what = args.file_name;
    } else {
      throw new DockerPolicyError(PLUGIN_NAME, 'a copy without anything to copy', 'give source, or content and file_name', 'source');
    }
    await container.putArchive(archive, { path: args.path });
    return { summary: `copied ${what} into ${args.container}:${args.path}`, data: { id: container.id, path: args.path, copied: what } };
  },
});
