import fs from 'node:fs';
import { normalizePermissions, type ManifestProblem, type PluginManifest } from '@berth/sdk';

/** The `#!` interpreter of a script, or undefined for a binary (or an unreadable file). */
function interpreterOf(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(256);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('utf8');
    return text.startsWith('#!') ? (text.slice(2).split('\n')[0] ?? '').trim() : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * What `berth validate` says about a `process.spawn` grant scoped to programs, as warnings: a program that is not
 * installed here, and a program that is a script — its interpreter and whatever it runs and reads start without
 * further checks, and what it reads must be in the sandbox (Debian's `/usr/bin/chromium` sources
 * `/etc/chromium.d`, which the sandbox holds only when granted).
 */
export function programScopeWarnings(manifest: PluginManifest, file: string): ManifestProblem[] {
  const warnings: ManifestProblem[] = [];
  const reads = normalizePermissions(manifest.permissions ?? []).filter((g) => g.permission === 'filesystem.read').flatMap((g) => g.scope ?? []);
  const chromiumConfigGranted = ['/etc/chromium.d', '/etc/chromium'].every((dir) => reads.some((p) => p === dir || p === '/etc' || p === '/'));
  (manifest.permissions ?? []).forEach((entry, index) => {
    const [grant] = normalizePermissions([entry]);
    if (grant?.permission !== 'process.spawn' || grant.scope === undefined) return;
    grant.scope.forEach((program, i) => {
      const at = `/permissions/${index}/programs/${i}`;
      if (!fs.existsSync(program)) {
        warnings.push({ file, path: at, message: `program ${program} is not installed on this machine`, hint: 'install it, or correct the path' });
        return;
      }
      const interpreter = interpreterOf(program);
      if (interpreter === undefined || (program === '/usr/bin/chromium' && chromiumConfigGranted)) return;
      warnings.push({
        file,
        path: at,
        message:
          `program ${program} is a script (#!${interpreter}): the programs it runs start without further checks, and ` +
          'the files it reads must be in the sandbox' +
          (program === '/usr/bin/chromium' ? ' (Debian\'s chromium wrapper sources /etc/chromium.d and reads /etc/chromium)' : ''),
        hint:
          program === '/usr/bin/chromium'
            ? 'grant {"permission": "filesystem.read", "paths": ["/etc/chromium.d", "/etc/chromium"]}, or name /usr/lib/chromium/chromium (the binary it runs) instead'
            : 'grant filesystem.read for what the script reads, or name the program it runs instead',
      });
    });
  });
  return warnings;
}
