import type { ToolDefinition } from '@berth/sdk';
import { posix } from 'node:path';
import { assertWithin } from '../limits.js';
import type { SandboxManager } from '../manager.js';
import { WORKSPACE } from '../sandbox.js';
import type { ExecOutcome, ExecRequest } from '../sandbox.js';
import { SANDBOX_ARG, result, tool } from './tool.js';
import type { ToolDeps } from './tool.js';

/** The arguments of `exec`. */
interface ExecArgs {
  sandbox: string;
  command: string | string[];
  cwd?: string;
  env?: Record<string, string>;
  user?: string;
  timeout_seconds?: number;
  stdin?: string;
  stdin_base64?: string;
  max_output_bytes?: number;
  background?: boolean;
}

/** Why a command was killed, in words, or undefined. */
export function killedBy(outcome: ExecOutcome, timeoutSeconds: number): string | undefined {
  if (outcome.cancelled === true) return 'killed: cancelled by the caller';
  if (outcome.timedOut) return `killed: time limit ${timeoutSeconds} s`;
  if (outcome.outOfMemory) return 'killed: out of memory';
  return undefined;
}

/** The backend request of a call, with the caps of the settings checked. */
function execRequest(args: ExecArgs, manager: SandboxManager, user: string, signal?: AbortSignal): ExecRequest & { timeoutSeconds: number } {
  const { settings } = manager;
  const timeoutSeconds = args.timeout_seconds ?? settings.default_exec_seconds;
  assertWithin('timeout_seconds', timeoutSeconds, settings.max_exec_seconds, 'max_exec_seconds', ' s');
  const cap = args.max_output_bytes ?? settings.max_output_bytes;
  assertWithin('max_output_bytes', cap, settings.max_output_bytes, 'max_output_bytes');
  const stdin = args.stdin_base64 !== undefined ? Buffer.from(args.stdin_base64, 'base64') : args.stdin !== undefined ? Buffer.from(args.stdin, 'utf8') : undefined;
  return {
    argv: typeof args.command === 'string' ? ['sh', '-c', args.command] : args.command,
    cwd: args.cwd === undefined ? WORKSPACE : posix.resolve(WORKSPACE, args.cwd),
    env: args.env ?? {},
    user: args.user ?? user,
    timeoutMs: timeoutSeconds * 1000,
    outputCap: cap,
    timeoutSeconds,
    ...(stdin !== undefined ? { stdin } : {}),
    ...(signal !== undefined ? { signal } : {}),
  };
}

/** The `exec` tool. */
export function execTool(deps: ToolDeps): ToolDefinition {
  return tool<ExecArgs>(
    'exec',
    'Run a command in a sandbox: an argument list, or a string run by sh -c. Returns exit code, stdout, stderr ' +
      '(each capped; truncated says so) and duration. A command past its time limit, or past the memory limit, is killed ' +
      'and `killed` says so ("killed: time limit 5 s", "killed: out of memory"). background=true returns at once.',
    {
      type: 'object',
      properties: {
        sandbox: SANDBOX_ARG,
        command: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string' }, minItems: 1 }], description: 'argv list, or a shell string.' },
        cwd: { type: 'string', description: 'Working directory (relative to /workspace). Default /workspace.' },
        env: { type: 'object', additionalProperties: { type: 'string' } },
        user: { type: 'string', pattern: '^[0-9]+(:[0-9]+)?$', description: 'uid[:gid]. Default: the settings\' user (65534).' },
        timeout_seconds: { type: 'integer', minimum: 1, description: 'Time limit; default default_exec_seconds.' },
        stdin: { type: 'string', description: 'Text fed to stdin, then closed.' },
        stdin_base64: { type: 'string', description: 'Bytes (base64) fed to stdin, then closed.' },
        max_output_bytes: { type: 'integer', minimum: 1, description: 'Cap of stdout and of stderr, each.' },
        background: { type: 'boolean', description: 'Start it and return at once (it ends with the sandbox).' },
      },
      required: ['sandbox', 'command'],
      additionalProperties: false,
    },
    { title: 'Run a command in a sandbox', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    async (args, signal) => {
      const manager = await deps.manager();
      return manager.while(args.sandbox, async (record) => {
        const request = execRequest(args, manager, record.user, args.background === true ? undefined : signal);
        if (args.background === true) {
          const { handle } = await manager.backend.execBackground(record.id, request);
          return result({ sandbox: record.id, background: true, handle }, `started in the background (${handle})`);
        }
        const started = Date.now();
        const outcome = await manager.backend.exec(record.id, request);
        const killed = killedBy(outcome, request.timeoutSeconds);
        const structured = {
          exit_code: outcome.exitCode,
          stdout: outcome.stdout.toString('utf8'),
          stderr: outcome.stderr.toString('utf8'),
          truncated: outcome.truncated,
          duration_ms: Date.now() - started,
          killed: killed ?? null,
        };
        const text = `${killed !== undefined ? `${killed}\n` : ''}exit ${outcome.exitCode}\n--- stdout\n${structured.stdout}\n--- stderr\n${structured.stderr}${outcome.truncated ? '\n(output truncated)' : ''}`;
        return result(structured, text);
      });
    },
  );
}
