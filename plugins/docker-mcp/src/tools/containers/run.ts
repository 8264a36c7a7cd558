import type Docker from 'dockerode';
import { refuseDangerousOptions } from '../../policy/run-guard.js';
import { CappedText } from '../../output/capped-text.js';
import { changes, defineTool, objectSchema } from '../tool.js';
import type { ToolContext } from '../tool.js';
import { createContainer } from './create-container.js';
import { createProperties } from './run-schema.js';
import type { CreateArgs } from './run-schema.js';

/** The arguments of `container_run`. */
interface RunArgs extends CreateArgs {
  readonly wait?: boolean;
  readonly timeout_seconds?: number;
}

/** A container that could not start is removed when the caller asked for auto-remove (as it never ran). */
async function discardIfAutoRemove(container: Docker.Container, args: CreateArgs): Promise<void> {
  if (args.auto_remove === true) await container.remove({ force: true }).catch(() => undefined);
}

/** Runs a container to its end: output is captured (attached before start, so `--rm` loses nothing). */
async function runToEnd(args: RunArgs, context: ToolContext): Promise<Record<string, unknown>> {
  const container = await createContainer(args, context);
  const stdout = new CappedText(context.settings.outputCapBytes);
  const stderr = new CappedText(context.settings.outputCapBytes);
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true, logs: true })) as NodeJS.ReadableStream;
  context.docker.modem.demuxStream(stream, stdout.writable(), stderr.writable());
  const ended = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  const waited = container.wait({ condition: args.auto_remove === true ? 'removed' : 'next-exit' }) as Promise<{ StatusCode: number }>;
  waited.catch(() => undefined);
  try {
    await container.start();
  } catch (error) {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    await discardIfAutoRemove(container, args);
    throw error;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), (args.timeout_seconds ?? 300) * 1000);
  });
  const result = await Promise.race([waited, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') await container.kill().catch(() => undefined);
  await Promise.race([ended, new Promise((r) => setTimeout(r, 2000))]);
  return {
    id: container.id,
    exitCode: result === 'timeout' ? null : result.StatusCode,
    timedOut: result === 'timeout',
    stdout: stdout.text(),
    stderr: stderr.text(),
    truncated: stdout.truncated || stderr.truncated,
    removed: args.auto_remove === true,
  };
}

/** `container_run`: create and start a container; with `wait`, run it to its end and return its output. */
export const containerRun = defineTool<RunArgs>({
  name: 'container_run',
  title: 'Run a container',
  description:
    'Create and start a container (like docker run). With wait=true, runs it to its end and returns exit code, ' +
    'stdout and stderr (capped). Never privileged; bind mounts only from allowed roots. Labelled as Berth-managed.',
  inputSchema: objectSchema(
    {
      ...createProperties,
      wait: { type: 'boolean', description: 'Wait for the container to exit and return its output (default false)' },
      timeout_seconds: { type: 'integer', minimum: 1, maximum: 3600, description: 'With wait: kill it after this long (default 300)' },
    },
    ['image'],
  ),
  annotations: changes(false),
  precheck: refuseDangerousOptions,
  async run(args, context) {
    if (args.wait === true) {
      const data = await runToEnd(args, context);
      return { summary: `container ${String(data['id']).slice(0, 12)} exited with ${String(data['exitCode'])}`, data };
    }
    const container = await createContainer(args, context);
    try {
      await container.start();
    } catch (error) {
      await discardIfAutoRemove(container, args);
      throw error;
    }
    const info = await container.inspect().catch(() => undefined);
    return {
      summary: `started container ${container.id.slice(0, 12)}`,
      data: { id: container.id, name: info?.Name.replace(/^\//, '') ?? null, state: info?.State.Status ?? 'started' },
    };
  },
});
