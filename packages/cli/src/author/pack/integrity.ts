import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The Subresource-Integrity string npm uses for a tarball: `sha512-<base64 digest>`. */
export async function fileIntegrity(file: string): Promise<string> {
  return `sha512-${createHash('sha512').update(await readFile(file)).digest('base64')}`;
}
