import type Docker from 'dockerode';
import { ownedContainer } from '../ownership.js';
import { changes, defineTool, destroys, objectSchema, Props } from '../tool.js';
import type { DockerTool, ToolContext, ToolHints } from '../tool.js';

/** The arguments of a lifecycle tool. */
interface LifecycleArgs {
  readonly container: string;
  readonly timeout_seconds?: number;
  readonly signal?: string;
}

/** True when the engine answered 304: already in that state. */
function alreadyThere(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 304;
}

/** Defines one lifecycle tool around a container action. */
function lifecycleTool(
  verb: string,
  past: string,
  hints: ToolHints,
  extra: Record<string, unknown>,
  act: (container: Docker.Container, args: LifecycleArgs) => Promise<unknown>,
): DockerTool {
  return defineTool<LifecycleArgs>({
    name: `container_${verb}`,
    title: `${verb[0]?.toUpperCase()}${verb.slice(1)} a container`,
    description: `${verb[0]?.toUpperCase()}${verb.slice(1)} a container this plugin manages.`,
    inputSchema: objectSchema({ container: Props.container, ...extra }, ['container']),
    annotations: hints,
    async run(args, context: ToolContext) {
      const { container } = await ownedContainer(context, args.container);
      let unchanged = false;
      try {
        await act(container, args);
      } catch (error) {
        if (!alreadyThere(error)) throw error;
        unchanged = true;
      }
      const info = await container.inspect().catch(() => undefined);
      const state = info?.State.Status ?? 'removed';
      return {
        summary: unchanged ? `container ${args.container} was already ${past}` : `container ${args.container} ${past}`,
        data: { id: container.id, state, changed: !unchanged },
      };
    },
  });
}

/** Seconds to wait before killing. */
const timeout = { timeout_seconds: { type: 'integer', minimum: 0, maximum: 600, description: 'Seconds to wait before killing (default 10)' } };

/** `container_start`. */
export const containerStart = lifecycleTool('start', 'started', changes(true), {}, (c) => c.start());
/** `container_stop`. */
export const containerStop = lifecycleTool('stop', 'stopped', changes(true), timeout, (c, a) => c.stop({ t: a.timeout_seconds ?? 10 }));
/** `container_restart`. */
export const containerRestart = lifecycleTool('restart', 'restarted', changes(false), timeout, (c, a) => c.restart({ t: a.timeout_seconds ?? 10 }));
/** `container_kill`. */
export const containerKill = lifecycleTool(
  'kill',
  'killed',
  destroys(false),
  { signal: { type: 'string', pattern: '^[A-Z0-9]+$', description: 'Signal (default SIGKILL)' } },
  (c, a) => c.kill({ signal: a.signal ?? 'SIGKILL' }),
);
/** `container_pause`. */
export const containerPause = lifecycleTool('pause', 'paused', changes(true), {}, (c) => c.pause());
/** `container_unpause`. */
export const containerUnpause = lifecycleTool('unpause', 'unpaused', changes(true), {}, (c) => c.unpause());
