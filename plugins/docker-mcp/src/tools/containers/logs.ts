import { PassThrough } from 'node:stream';
import { CappedText } from '../../output/capped-text.js';
import { ownedContainer } from '../ownership.js';
import { defineTool, objectSchema, Props, READS } from '../tool.js';

/** The arguments of `container_logs`. */
interface LogsArgs {
  readonly container: string;
  readonly tail?: number;
  readonly since?: string | number;
  readonly until?: string | number;
  readonly timestamps?: boolean;
  readonly stdout?: boolean;
  readonly stderr?: boolean;
}

/** A time bound: unix seconds, or an ISO date turned into unix seconds. */
function unixTime(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? Number(value) : Math.floor(parsed / 1000);
}

/** `container_logs`: a container's output, demultiplexed into stdout and stderr, capped. */
export const containerLogs = defineTool<LogsArgs>({
  name: 'container_logs',
  title: 'Read container logs',
  description: 'Read a container\'s logs (stdout and stderr separately), with tail, since, until and timestamps. Output is capped.',
  inputSchema: objectSchema(
    {
      container: Props.container,
      tail: { type: 'integer', minimum: 0, description: 'Only the last N lines' },
      since: { type: ['string', 'integer'], description: 'Unix seconds or ISO date' },
      until: { type: ['string', 'integer'], description: 'Unix seconds or ISO date' },
      timestamps: { type: 'boolean' },
      stdout: { type: 'boolean', description: 'Include stdout (default true)' },
      stderr: { type: 'boolean', description: 'Include stderr (default true)' },
    },
    ['container'],
  ),
  annotations: READS,
  async run(args, context) {
    const { container, info } = await ownedContainer(context, args.container);
    const since = unixTime(args.since);
    const until = unixTime(args.until);
    const options = {
      follow: false as const,
      stdout: args.stdout ?? true,
      stderr: args.stderr ?? true,
      timestamps: args.timestamps ?? false,
      ...(args.tail !== undefined ? { tail: args.tail } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
    };
    const raw = await container.logs(options);
    const stdout = new CappedText(context.settings.outputCapBytes);
    const stderr = new CappedText(context.settings.outputCapBytes);
    if (info.Config.Tty) {
      stdout.push(raw);
    } else {
      const source = new PassThrough();
      context.docker.modem.demuxStream(source, stdout.writable(), stderr.writable());
      source.end(raw);
      await new Promise((resolve) => source.on('end', resolve).resume());
    }
    const truncated = stdout.truncated || stderr.truncated;
    return {
      summary: `${stdout.totalBytes + stderr.totalBytes} bytes of logs${truncated ? ' (truncated)' : ''}`,
      data: { id: container.id, stdout: stdout.text(), stderr: stderr.text(), truncated },
    };
  },
});
