import { Readable } from 'node:stream';
import { extract, pack } from 'tar-stream';
import type { Header } from 'tar-stream';

/** One entry to pack. */
export interface PackEntry {
  /** The name inside the archive (relative). */
  readonly name: string;
  /** `file` or `directory`. */
  readonly type: 'file' | 'directory';
  /** The content of a file. */
  readonly data?: Buffer;
  /** Permission bits. */
  readonly mode?: number;
}

/** Owner of packed entries. */
export interface Owner {
  readonly uid: number;
  readonly gid: number;
}

/** Packs entries as a tar archive in memory. */
export async function packEntries(entries: readonly PackEntry[], owner: Owner): Promise<Buffer> {
  const tar = pack();
  for (const entry of entries) {
    const header: Partial<Header> & Pick<Header, 'name'> = {
      name: entry.name,
      type: entry.type,
      mode: entry.mode ?? (entry.type === 'directory' ? 0o755 : 0o644),
      uid: owner.uid,
      gid: owner.gid,
      mtime: new Date(),
    };
    await new Promise<void>((resolve, reject) => tar.entry(header, entry.data ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
  }
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The folders leading to `relative` (`a`, `a/b` for `a/b/c`), as directory entries. */
export function parentEntries(relative: string): PackEntry[] {
  const parts = relative.split('/').filter((p) => p !== '');
  return parts.slice(0, -1).map((_, i) => ({ name: `${parts.slice(0, i + 1).join('/')}/`, type: 'directory' as const }));
}

/** An entry read from an archive. */
export interface ReadEntry {
  readonly header: Header;
  /** The first bytes of a file (up to the cap given). */
  readonly data: Buffer;
  /** True when the file was longer than the cap. */
  readonly truncated: boolean;
}

/** Reads an archive; keeps at most `maxBytes` of each file's content (0: none) and at most `maxEntries` entries. */
export async function readEntries(source: NodeJS.ReadableStream | Buffer, maxBytes: number, maxEntries = 10_000): Promise<ReadEntry[]> {
  const tar = extract();
  const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
  input.pipe(tar);
  const entries: ReadEntry[] = [];
  for await (const entry of tar) {
    const chunks: Buffer[] = [];
    let kept = 0;
    let seen = 0;
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (kept < maxBytes) {
        const part = chunk.subarray(0, maxBytes - kept);
        chunks.push(part);
        kept += part.length;
      }
    }
    if (entries.length < maxEntries) entries.push({ header: entry.header, data: Buffer.concat(chunks), truncated: seen > kept });
  }
  return entries;
}

/** The archive with every entry owned by `owner` (so the sandbox's user owns what is unpacked). */
export async function withOwner(tar: Buffer, owner: Owner): Promise<Buffer> {
  const input = extract();
  const output = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of output as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  Readable.from([tar]).pipe(input);
  for await (const entry of input) {
    const data: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) data.push(chunk);
    await new Promise<void>((resolve, reject) =>
      output.entry({ ...entry.header, uid: owner.uid, gid: owner.gid, uname: '', gname: '' }, Buffer.concat(data), (err) => (err ? reject(err) : resolve())),
    );
  }
  output.finalize();
  await collected;
  return Buffer.concat(chunks);
}
