import fs from 'node:fs';

/** A claim older than this is taken to be left by a server that died while claiming (claiming takes milliseconds). */
const STALE_CLAIM_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the right to (re)create a control socket: `<socket>.lock`, made with O_EXCL, holding this pid. Probing a
 * dead socket, removing it and binding a new one are three steps; without the claim two servers starting at once
 * on the same data folder both find it dead, and the second removes the first one's live socket and binds its own.
 * Returns the release, or `undefined` when another live process holds the claim (probe again shortly: it is
 * either listening by then, or gone). A claim left by a dead process, or older than 10 s, is broken.
 */
export function claimTakeover(socket: string): (() => void) | undefined {
  const file = `${socket}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    let age = 0;
    try {
      holder = Number(fs.readFileSync(file, 'utf8'));
      age = Date.now() - fs.statSync(file).mtimeMs;
    } catch {
      continue; // released meanwhile: claim again
    }
    if (Number.isInteger(holder) && holder > 0 && alive(holder) && age < STALE_CLAIM_MS) return undefined;
    fs.rmSync(file, { force: true });
  }
  return undefined;
}
