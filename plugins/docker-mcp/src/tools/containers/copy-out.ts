import { mkdir } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract as extractToFolder } from 'tar-fs';
import { extract as extractStream } from 'tar-stream';
import { assertHostPathAllowed } from '../../policy/mount-guard.js';
import { ownedContainer } from '../ownership.js';
import { defineTool, objectSchema, Props, READS } from '../tool.js';
import type { ToolContext } from '../tool.js';

/** The arguments of `container_copy_out`. */
interface CopyOutArgs {
  readonly container: string;
  readonly path: string;
  readonly destination?: string;
}

/** One file read out of a container. */
interface CopiedFile {
  readonly path: string;
  readonly type: string;
  readonly size: number;
  readonly content?: string;
  readonly encoding?: 'utf8' | 'base64';
  readonly truncated: boolean;
}

/** True when `buffer` is valid UTF-8 text without NUL bytes. */
function isText(buffer: Buffer): boolean {
  return !buffer.includes(0) && Buffer.from(buffer.toString('utf8'), 'utf8').equals(buffer);
}

/** Reads the entries of a tar stream into memory, sharing one byte cap across all files. */
async function readEntries(archive: Readable, cap: number): Promise<{ files: CopiedFile[]; truncated: boolean }> {
  const files: CopiedFile[] = [];
  let room = cap;
  let truncated = false;
  const extractor = extractStream();
  for await (const entry of archive.pipe(extractor)) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const kept = body.subarray(0, Math.max(0, room));
    room -= kept.length;
    const cut = kept.length < body.length;
    truncated ||= cut;
    const text = isText(kept);
    files.push({
      path: entry.header.name,
      type: entry.header.type ?? 'file',
      size: entry.header.size ?? body.length,
      ...(entry.header.type === 'file' ? { content: kept.toString(text ? 'utf8' : 'base64'), encoding: text ? ('utf8' as const) : ('base64' as const) } : {}),
      truncated: cut,
    });
  }
  return { files, truncated };
}

/** Extracts into a host folder inside the allowed roots. */
async function extractTo(context: ToolContext, archive: Readable, destination: string): Promise<string> {
  const real = assertHostPathAllowed(destination, 'destination', context.settings.allowedRoots, context.protectedSockets);
  await mkdir(real, { recursive: true });
  await pipeline(archive, extractToFolder(real, { dmode: 0o755, fmode: 0o644 }));
  return real;
}

/** `container_copy_out`: read a file or folder out of a container (returned, or written under allowed roots). */
export const containerCopyOut = defineTool<CopyOutArgs>({
  name: 'container_copy_out',
  title: 'Copy out of a container',
  description:
    'Read a file or folder out of a container. Without destination, returns its files (text as utf8, else base64; ' +
    'capped, flagged truncated). With destination (a host folder inside allowed_roots), extracts it there.',
  inputSchema: objectSchema(
    {
      container: Props.container,
      path: { type: 'string', pattern: '^/', description: 'File or folder inside the container' },
      destination: { type: 'string', description: 'Host folder to extract into (inside allowed_roots); needs filesystem write access' },
    },
    ['container', 'path'],
  ),
  annotations: READS,
  async run(args, context) {
    const { container } = await ownedContainer(context, args.container);
    const archive = (await container.getArchive({ path: args.path })) as Readable;
    if (args.destination !== undefined) {
      const where = await extractTo(context, archive, args.destination);
      return { summary: `copied ${args.container}:${args.path} to ${where}`, data: { id: container.id, destination: where } };
    }
    const { files, truncated } = await readEntries(archive, context.settings.outputCapBytes);
    return { summary: `${files.length} entr${files.length === 1 ? 'y' : 'ies'}${truncated ? ' (truncated)' : ''}`, data: { id: container.id, files, truncated } };
  },
});
