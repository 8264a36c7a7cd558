import type Docker from 'dockerode';
import { ownedContainer } from '../ownership.js';
import { defineTool, objectSchema, Props, READS } from '../tool.js';

/** CPU use in percent of one CPU times online CPUs, as `docker stats` computes it. */
function cpuPercent(stats: Docker.ContainerStats): number {
  const cpu = stats.cpu_stats.cpu_usage.total_usage - stats.precpu_stats.cpu_usage.total_usage;
  const system = (stats.cpu_stats.system_cpu_usage ?? 0) - (stats.precpu_stats.system_cpu_usage ?? 0);
  const cpus = stats.cpu_stats.online_cpus ?? stats.cpu_stats.cpu_usage.percpu_usage?.length ?? 1;
  return system > 0 && cpu > 0 ? (cpu / system) * cpus * 100 : 0;
}

/** `container_stats`: one sample of a container's resource use. */
export const containerStats = defineTool<{ readonly container: string }>({
  name: 'container_stats',
  title: 'Container resource use',
  description: 'One-shot resource usage of a container: CPU %, memory use and limit, network and block I/O, pids.',
  inputSchema: objectSchema({ container: Props.container }, ['container']),
  annotations: READS,
  async run(args, context) {
    const { container } = await ownedContainer(context, args.container);
    const stats = (await container.stats({ stream: false })) as Docker.ContainerStats;
    const networks = Object.values(stats.networks ?? {});
    const data = {
      id: container.id,
      cpuPercent: Math.round(cpuPercent(stats) * 100) / 100,
      memoryBytes: stats.memory_stats.usage ?? 0,
      memoryLimitBytes: stats.memory_stats.limit ?? 0,
      pids: stats.pids_stats?.current ?? 0,
      networkRxBytes: networks.reduce((sum, n) => sum + n.rx_bytes, 0),
      networkTxBytes: networks.reduce((sum, n) => sum + n.tx_bytes, 0),
      blockIo: stats.blkio_stats?.io_service_bytes_recursive ?? [],
      read: stats.read,
    };
    return { summary: `cpu ${data.cpuPercent}%, memory ${data.memoryBytes} bytes, ${data.pids} pid(s)`, data };
  },
});
