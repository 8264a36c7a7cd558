import { mkdir } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract as extractToFolder } from 'tar-fs';
import { extract as extractStream } from 'tar-stream';
import { assertHostPathAllowed } from '../../policy/mount-guard.js';
import { ownedContainer } from '../ownership.js';
import { changes, defineTool, objectSchema, Props, READS } from '../tool.js';

/** The arguments of `container_copy_out`. */
interface CopyOutArgs {
  readonly container: string;
  readonly path: string;
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

/** Extracts into a host folder (already checked against the allowed roots). */
async function extractTo(archive: Readable, real: string): Promise<string> {
  await mkdir(real, { recursive: true });
  await pipeline(archive, extractToFolder(real, { dmode: 0o755, fmode: 0o644 }));
  return real;
}

/** `container_copy_out`: copy a file or folder out of a container into a host folder inside the allowed roots. */
export const containerCopyOut = defineTool<CopyOutArgs & { readonly destination: string }>({
  name: 'container_copy_out',
  title: 'Copy out of a container',
  description:
    'Copy a file or folder out of a container into a host folder inside allowed_roots (like docker cp). Writes host ' +
    'files, so it needs filesystem write access when sandboxed; use container_read_files to only read them.',
  inputSchema: objectSchema(
    {
      container: Props.container,
      path: { type: 'string', pattern: '^/', description: 'File or folder inside the container' },
      destination: { type: 'string', description: 'Host folder to extract into (inside allowed_roots)' },
    },
    ['container', 'path', 'destination'],
  ),
  annotations: changes(true),
  async run(args, context) {
    const real = assertHostPathAllowed(args.destination, 'destination', context.settings.allowedRoots, context.protectedSockets);
    const { container } = await ownedContainer(context, args.container);
    const archive = (await container.getArchive({ path: args.path })) as Readable;
    const where = await extractTo(archive, real);
    return { summary: `copied ${args.container}:${args.path} to ${where}`, data: { id: container.id, destination: where } };
  },
});

/** `container_read_files`: read a file or folder of a container, returned as its files (capped). */
export const containerReadFiles = defineTool<CopyOutArgs>({
  name: 'container_read_files',
  title: 'Read files from a container',
  description:
    'Read a file or folder out of a container and return its files: text as utf8, anything else as base64; ' +
    'capped at output_cap_bytes in all, flagged truncated.',
  inputSchema: objectSchema({ container: Props.container, path: { type: 'string', pattern: '^/', description: 'File or folder inside the container' } }, ['container', 'path']),
  annotations: READS,
  async run(args, context) {
    const { container } = await ownedContainer(context, args.container);
    const archive = (await container.getArchive({ path: args.path })) as Readable;
    const { files, truncated } = await readEntries(archive, context.settings.outputCapBytes);
    return { summary: `${files.length} entr${files.length === 1 ? 'y' : 'ies'}${truncated ? ' (truncated)' : ''}`, data: { id: container.id, files, truncated } };
  },
});
