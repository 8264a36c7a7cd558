import { DockerPolicyError } from '@berth/sdk';
import { CappedText } from '../../output/capped-text.js';
import { PLUGIN_NAME } from '../../settings.js';
import { ownedContainer } from '../ownership.js';
import { defineTool, changes, objectSchema, Props } from '../tool.js';
import { argv } from './create-body.js';

/** The arguments of `container_exec`. */
interface ExecArgs {
  readonly container: string;
  readonly command: readonly string[] | string;
  readonly working_dir?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly user?: string;
  readonly timeout_seconds?: number;
  readonly output_cap_bytes?: number;
}

/** Refuses `privileged` on an exec, as on a container. */
function refusePrivilegedExec(args: Readonly<Record<string, unknown>>): void {
  if (args['privileged'] === true) {
    throw new DockerPolicyError(PLUGIN_NAME, 'a privileged exec', 'docker-mcp-tools never runs privileged processes', 'privileged');
  }
}

/** `container_exec`: run a command in a running container; returns exit code, stdout, stderr, truncated. */
export const containerExec = defineTool<ExecArgs>({
  name: 'container_exec',
  title: 'Run a command in a container',
  description:
    'Run a command in a running container (like docker exec) and return its exit code, stdout and stderr. ' +
    'A string command runs under sh -c. Output is capped (truncated=true says so); a time limit stops waiting.',
  inputSchema: objectSchema(
    {
      container: Props.container,
      command: Props.command,
      working_dir: { type: 'string', pattern: '^/' },
      env: Props.stringMap,
      user: { type: 'string' },
      timeout_seconds: { type: 'integer', minimum: 1, maximum: 3600, description: 'Stop waiting after this long (default 60)' },
      output_cap_bytes: { type: 'integer', minimum: 1, description: 'Cap per stream (default: the output_cap_bytes setting)' },
    },
    ['container', 'command'],
  ),
  annotations: changes(false),
  precheck: refusePrivilegedExec,
  async run(args, context) {
    const { container } = await ownedContainer(context, args.container);
    const exec = await container.exec({
      Cmd: argv(args.command),
      AttachStdout: true,
      AttachStderr: true,
      Privileged: false,
      ...(args.working_dir !== undefined ? { WorkingDir: args.working_dir } : {}),
      ...(args.env !== undefined ? { Env: Object.entries(args.env).map(([k, v]) => `${k}=${v}`) } : {}),
      ...(args.user !== undefined ? { User: args.user } : {}),
    });
    const cap = Math.min(args.output_cap_bytes ?? context.settings.outputCapBytes, context.settings.outputCapBytes);
    const stdout = new CappedText(cap);
    const stderr = new CappedText(cap);
    const stream = await exec.start({ hijack: false, stdin: false, Detach: false });
    context.docker.modem.demuxStream(stream, stdout.writable(), stderr.writable());
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      new Promise<'done'>((resolve) => {
        stream.on('end', () => resolve('done'));
        stream.on('close', () => resolve('done'));
        stream.on('error', () => resolve('done'));
      }),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), (args.timeout_seconds ?? 60) * 1000);
      }),
    ]);
    clearTimeout(timer);
    if (outcome === 'timeout') stream.destroy();
    const info = await exec.inspect();
    const data = {
      exitCode: outcome === 'timeout' ? null : info.ExitCode,
      stdout: stdout.text(),
      stderr: stderr.text(),
      truncated: stdout.truncated || stderr.truncated,
      timedOut: outcome === 'timeout',
      stillRunning: info.Running,
    };
    const tail = data.truncated ? ' (output truncated)' : '';
    return { summary: outcome === 'timeout' ? `timed out${tail}` : `exit code ${String(info.ExitCode)}${tail}`, data };
  },
});
