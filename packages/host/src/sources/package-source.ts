import { realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceInvalidError } from '@berth/sdk';

/** Where a package comes from. Python and other ecosystems are further kinds behind the same seam. */
export type SourceKind = 'npm' | 'tarball' | 'folder';

/**
 * A package source as `berth mcp add` and `berth plugins install` accept it: `npm:<package>[@range]`, a local
 * `.tgz` (e.g. from `npm pack`) or a folder holding a `package.json`.
 */
export interface PackageSource {
  /** The kind of source. */
  readonly kind: SourceKind;
  /**
   * The source's stable id, part of the install identity: `npm:<package>` (the range is not part of it: an update
   * within the range is the same source), `tarball:<absolute path>`, `folder:<real path>`.
   */
  readonly id: string;
  /** What the user asked for, normalised: `npm:<package>@<range>`, the absolute tarball path, the folder's real path. */
  readonly spec: string;
  /** The npm package name, when the source names it (npm sources). */
  readonly packageName?: string;
  /** The version range (npm sources; default `latest`). */
  readonly range?: string;
  /** The absolute path of a tarball or folder source. */
  readonly path?: string;
}

const NPM_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;

/** Splits `@scope/name@range` or `name@range`. */
function splitNameRange(text: string): { name: string; range: string } {
  const at = text.indexOf('@', 1);
  return at === -1 ? { name: text, range: 'latest' } : { name: text.slice(0, at), range: text.slice(at + 1) || 'latest' };
}

function expandHome(text: string): string {
  return text === '~' || text.startsWith('~/') ? path.join(os.homedir(), text.slice(1)) : text;
}

/**
 * Reads a source argument. `npm:` names a registry package; anything else must be an existing `.tgz` file or folder
 * (relative paths are resolved against `cwd`). Throws `SourceInvalidError` otherwise.
 */
export function parseSource(text: string, cwd: string = process.cwd()): PackageSource {
  if (text.startsWith('npm:')) {
    const { name, range } = splitNameRange(text.slice(4));
    if (!NPM_NAME.test(name)) throw new SourceInvalidError(text, `'${name}' is not an npm package name`);
    return { kind: 'npm', id: `npm:${name}`, spec: `npm:${name}@${range}`, packageName: name, range };
  }
  const file = path.resolve(cwd, expandHome(text));
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined) {
    // Suggest `npm:` only for what could be a package name: `npm:./nope` is no package either.
    const hint = NPM_NAME.test(splitNameRange(text).name) ? ` (a registry package is written npm:${text})` : '';
    throw new SourceInvalidError(text, `${file} does not exist${hint}`);
  }
  if (stat.isDirectory()) {
    const real = realpathSync(file);
    return { kind: 'folder', id: `folder:${real}`, spec: real, path: real };
  }
  if (/\.(tgz|tar\.gz)$/.test(file)) return { kind: 'tarball', id: `tarball:${file}`, spec: file, path: file };
  throw new SourceInvalidError(text, `${file} is neither a folder nor a .tgz file`);
}

/** True when `text` is written as a package source rather than a plugin folder (`npm:…` or a `.tgz`). */
export function isPackageSourceText(text: string): boolean {
  return text.startsWith('npm:') || /\.(tgz|tar\.gz)$/.test(text);
}
