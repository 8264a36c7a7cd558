import path from 'node:path';
import { InstallTamperedError } from '@berth/sdk';
import type { LockedInstall } from './lock-file.js';
import { digestTree, firstDifference } from './tree-digest.js';

/**
 * Checks an installed plugin's tree against the hashes its lock file entry recorded at install time. Any changed,
 * missing or added file throws `InstallTamperedError` naming the file and the fix; nothing is ever reinstalled here
 * (a start never installs or updates).
 */
export async function verifyInstall(install: LockedInstall, lockFile: string): Promise<void> {
  const now = await digestTree(install.installDir).catch(() => ({}));
  const difference = firstDifference(install.files, now);
  if (difference !== undefined) {
    throw new InstallTamperedError(install.name, path.join(install.installDir, difference.file), difference.change, lockFile);
  }
}
