import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { throughBerthServe } from '../support/berth-serve.js';
import { connect, data, eventually, leftovers } from '../support/client.js';

const docker = await skipUnlessDocker();
const RUN = `killed-${process.pid}`;

/** The parent pid of `pid`, from /proc. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Processes below `root` whose command line mentions `needle`. */
function descendantsRunning(root: number, needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.includes(needle)) continue;
    for (let p: number | undefined = parentOf(pid); p !== undefined && p > 1; p = parentOf(p)) {
      if (p === root) {
        found.push(pid);
        break;
      }
    }
  }
  return found;
}

describe.skipIf(!docker.available)('the plugin killed mid-run under berth serve', () => {
  it('leaves no container or network behind once Berth stops it', async () => {
    const image = await ensureBusyboxImage();
    const mcp = await connect({}, throughBerthServe);
    const labels = { 'berth.test.suite': RUN };
    try {
      data(await mcp.call('container_run', { image, command: ['sleep', '300'], labels }));
      data(await mcp.call('network_create', { name: `berth-${RUN}`, labels }));
      const berth = mcp.transport.pid;
      const servers = descendantsRunning(berth as number, 'docker-mcp/dist/index.js');
      expect(servers.length).toBeGreaterThan(0);
      for (const pid of servers) process.kill(pid, 'SIGKILL');
      expect((await leftovers(`berth.test.suite=${RUN}`)).containers).toHaveLength(1);
    } finally {
      await mcp.close();
    }
    await eventually(async () => {
      const left = await leftovers(`berth.test.suite=${RUN}`);
      return left.containers.length === 0 && left.networks.length === 0;
    }, 30_000);
  });
});
