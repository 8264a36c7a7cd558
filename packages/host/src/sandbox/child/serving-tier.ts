/**
 * Preloaded (`--import`) into a Node MCP server that Berth runs as an `mcp` plugin (someone else's program, which
 * starts on V8's default tiering): once the server has written its first message to stdout — its answer to
 * `initialize`, so its start-up is over — V8's interrupt budget is lowered for the calls to come, as in Berth's own
 * processes (`../tiering.ts`). Measured through `berth serve --stdio` on server-everything: its calls 500-1,000 at
 * ~0.50-0.60 ms p50 instead of ~0.65. Start-up keeps the default: a low budget from launch cost that server ~50 ms of
 * start-up and 3 MB of RSS.
 *
 * The wrapper is one-shot: its first call puts `process.stdout.write` back as it was, then writes (a server that kept
 * a reference to it gets a plain pass-through).
 */
import { tierUpForServing } from '../tiering.js';

type Write = (this: unknown, ...args: unknown[]) => boolean;

const stdout = process.stdout as unknown as { write: Write };
const ownWrite = Object.hasOwn(stdout, 'write');
const originalWrite = stdout.write;

let armed = true;

function firstWrite(this: unknown, ...args: unknown[]): boolean {
  if (armed) {
    armed = false;
    if (stdout.write === firstWrite) {
      if (ownWrite) stdout.write = originalWrite;
      else delete (stdout as { write?: Write }).write;
    }
    setImmediate(tierUpForServing);
  }
  return Reflect.apply(originalWrite, this, args) as boolean;
}

stdout.write = firstWrite;
