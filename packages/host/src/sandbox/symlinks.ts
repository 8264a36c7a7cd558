import fs from 'node:fs';
import path from 'node:path';
import { isWithin } from '../permissions/scope-vars.js';

/** A symlink whose target lies outside the folders it may reach. */
export interface EscapingLink {
  /** The symlink. */
  readonly link: string;
  /** Where it points (resolved; the raw target when it dangles). */
  readonly target: string;
}

/** Options of {@link findEscapingSymlinks}. */
export interface SymlinkScanOptions {
  /** Roots a link may point into (default: only the scanned folder). */
  readonly allowed?: readonly string[];
  /** Stop after this many entries (default 20 000): a bound on the cost of scanning a large granted folder. */
  readonly maxEntries?: number;
}

/**
 * Finds symlinks inside `dir` that point outside it (and outside `allowed`): Node's permission model follows
 * them, so granting `dir` would grant their targets. Node follows a link to a missing file too: a dangling link
 * that points outside counts.
 */
export function findEscapingSymlinks(dir: string, options: SymlinkScanOptions = {}): EscapingLink[] {
  const roots = [dir, ...(options.allowed ?? [])];
  const found: EscapingLink[] = [];
  let budget = options.maxEntries ?? 20_000;
  const stack = [dir];
  while (stack.length > 0 && budget > 0) {
    const current = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (--budget <= 0) break;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isSymbolicLink()) {
        const target = resolveLink(full);
        if (!roots.some((root) => isWithin(root, target))) found.push({ link: full, target });
      }
    }
  }
  return found;
}

function resolveLink(link: string): string {
  try {
    return fs.realpathSync(link);
  } catch {
    return path.resolve(path.dirname(link), fs.readlinkSync(link));
  }
}
