import { chmod, lstat, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { dirname } from 'node:path';
import type { Duplex } from 'node:stream';
import { DockerPolicyRefusal } from './decision.js';
import { openEngine } from './engine/engine.js';
import type { DockerEngine } from './engine/engine.js';
import type { DockerPolicyDecision } from './decision.js';
import { answerJson, forwardRequest, forwardUpgrade, parseJsonObject, rawAnswer, readBody } from './forward.js';
import { WELL_KNOWN_DOCKER_SOCKETS } from './host-paths.js';
import { newProxyRun, runLabels } from './host-run.js';
import { OwnershipChecker } from './ownership.js';
import { reapGoneRuns, removeRun } from './reaper.js';
import { formatTarget, parseTarget } from './request-target.js';
import type { RequestTarget } from './request-target.js';
import { authorize } from './routes.js';
import type { RouteOutcome } from './routes.js';
import type { CreatePolicyContext } from './container-create-policy.js';

/** Options of {@link startDockerPolicyProxy}. */
export interface DockerPolicyProxyOptions {
  /** The plugin the socket is for (its name goes into the forced `berth.plugin` label). */
  readonly plugin: string;
  /** The real engine's socket (e.g. `/var/run/docker.sock`); never handed to the plugin. Ignored when `engine` is given. */
  readonly upstreamSocket?: string;
  /**
   * The real engine, local or remote (see `openEngine`): what the proxy forwards to; never handed to the plugin.
   * Default: the local socket `upstreamSocket`, else `/var/run/docker.sock`.
   */
  readonly engine?: DockerEngine;
  /** Where to listen: a path in the plugin's data/run folder; this is what its `docker_socket` points at. */
  readonly socketPath: string;
  /** Host folders bind mounts may come from (absolute). Empty: no bind mounts. */
  readonly allowedRoots?: readonly string[];
  /** Called for every decision, allowed or refused (the audit log). Must not throw. */
  readonly onDecision?: (decision: DockerPolicyDecision) => void;
  /**
   * Reap (default true): at start, remove the plugin's containers and networks left by a host run that is gone
   * (killed host); at close, remove every container and network created through this socket.
   */
  readonly reap?: boolean;
}

/** A running policy proxy. */
export interface DockerPolicyProxy {
  /** The socket the plugin talks to. */
  readonly socketPath: string;
  /** The engine it forwards to. */
  readonly engine: DockerEngine;
  /** Stops listening, cuts open connections (streams, attaches), removes the socket file and closes the engine's kept connections. */
  close(): Promise<void>;
}

/** Removes a stale socket at `path`; refuses to remove anything that is not a socket. */
async function clearStaleSocket(path: string): Promise<void> {
  const stat = await lstat(path).catch(() => undefined);
  if (stat === undefined) return;
  if (!stat.isSocket()) throw new Error(`cannot listen at ${path}: a file that is not a socket is there`);
  await rm(path, { force: true });
}

/** Reads and discards a body the route does not take (the engine then gets an empty body). */
async function dropBody(req: IncomingMessage): Promise<Buffer> {
  await readBody(req);
  return Buffer.alloc(0);
}

/** Form bodies are refused: the engine would read their fields as query parameters, past the checked query. */
function refuseFormBodies(req: IncomingMessage): void {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    throw new DockerPolicyRefusal(`a form-encoded body (${type})`, 'the engine would read its fields as parameters the policy did not check', 400);
  }
}

/**
 * Starts a Docker policy proxy for one plugin: a UNIX socket that forwards an allow-listed part of the Docker
 * Engine API to the real engine under the `docker.access` policy — the plugin's labels forced on everything it
 * creates; no privileged containers, host namespaces, devices, capabilities, loosened security options or socket
 * mounts; binds only under the allowed roots; only objects carrying the plugin's label may be touched. Everything
 * else is answered 403 with a JSON `{message}` that says what was refused and why.
 *
 * Containers and networks created through it also carry the proxy run (`berth.host.run`, the host's pid, start
 * time, boot and pid namespace): closing the proxy removes them (the plugin stopped), and a later start removes
 * those of a host run that is gone (the host was killed) — the reaper that works even when the plugin itself runs
 * in a pid namespace of its own and cannot judge.
 */
export async function startDockerPolicyProxy(options: DockerPolicyProxyOptions): Promise<DockerPolicyProxy> {
  const { plugin, socketPath } = options;
  const engine = options.engine ?? openEngine({ host: `unix://${options.upstreamSocket ?? '/var/run/docker.sock'}`, source: 'the proxy options' });
  const run = newProxyRun();
  const reap = options.reap ?? true;
  const context: CreatePolicyContext = {
    plugin,
    runLabels: runLabels(run),
    allowedRoots: options.allowedRoots ?? [],
    sockets: [...WELL_KNOWN_DOCKER_SOCKETS, ...(engine.socketPath !== undefined ? [engine.socketPath] : []), socketPath],
    owners: new OwnershipChecker(engine, plugin),
    ...(engine.local ? {} : { remote: { engine: engine.name, pathMap: engine.address.pathMap ?? {} } }),
  };
  const unreachable = (error: Error): string => {
    if (engine.local) return `Docker is not reachable at ${engine.socketPath ?? engine.name}: ${error.message}`;
    const failure = engine.explain(error);
    return `Docker is not reachable at ${engine.name} (from ${engine.address.source}): ${failure.reason}. Fix: ${failure.fix}`;
  };
  const audit = (target: RequestTarget | undefined, req: IncomingMessage, refusal?: DockerPolicyRefusal): void => {
    const decision: DockerPolicyDecision = {
      time: new Date().toISOString(),
      plugin,
      permission: 'docker.access',
      target: `${req.method ?? '?'} ${target?.path ?? req.url ?? ''}`,
      allowed: refusal === undefined,
      ...(refusal !== undefined ? { reason: refusal.message } : {}),
    };
    try {
      options.onDecision?.(decision);
    } catch {
      // the audit sink must not break the proxy
    }
  };
  const message = (refusal: DockerPolicyRefusal): string => `berth docker.access policy: plugin '${plugin}': ${refusal.message}`;

  /** Checks a request; returns the target and outcome, or throws a refusal. */
  const check = async (req: IncomingMessage, target: RequestTarget): Promise<RouteOutcome> => {
    refuseFormBodies(req);
    return authorize({ method: req.method ?? 'GET', path: target.path, query: target.query }, context);
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let target: RequestTarget | undefined;
    try {
      target = parseTarget(req.url ?? '');
      const outcome = await check(req, target);
      const body =
        outcome.body !== undefined
          ? Buffer.from(JSON.stringify(await outcome.body(parseJsonObject(await readBody(req)))))
          : outcome.stream === true
            ? undefined
            : await dropBody(req);
      audit(target, req);
      forwardRequest(engine, req, res, formatTarget(target, outcome.query), body, (error) => answerJson(res, 502, unreachable(error)));
    } catch (error) {
      if (!(error instanceof DockerPolicyRefusal)) {
        answerJson(res, 502, `${unreachable(error as Error)} (berth docker.access policy could not check the request)`);
        return;
      }
      audit(target, req, error);
      answerJson(res, error.status, message(error));
    }
  };

  const onUpgrade = async (req: IncomingMessage, client: Duplex, head: Buffer): Promise<void> => {
    client.pause();
    let target: RequestTarget | undefined;
    try {
      target = parseTarget(req.url ?? '');
      const outcome = await check(req, target);
      if (outcome.body !== undefined) throw new DockerPolicyRefusal(`an upgraded ${req.method ?? ''} ${target.path}`, 'this endpoint cannot be hijacked');
      audit(target, req);
      await forwardUpgrade(engine, unreachable, req, client, head, formatTarget(target, outcome.query));
    } catch (error) {
      const refusal = error instanceof DockerPolicyRefusal ? error : new DockerPolicyRefusal('the request', unreachable(error as Error), 502);
      audit(target, req, refusal);
      client.end(rawAnswer(refusal.status, message(refusal)));
    }
  };

  const connections = new Set<Socket>();
  const server = createServer((req, res) => void onRequest(req, res));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void onUpgrade(req, socket, head));
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  await mkdir(dirname(socketPath), { recursive: true, mode: 0o700 });
  await clearStaleSocket(socketPath);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod(socketPath, 0o600);
  if (reap) await reapGoneRuns(engine, plugin, run).catch(() => undefined);
  return {
    socketPath,
    engine,
    async close() {
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(socketPath, { force: true });
      if (reap) await removeRun(engine, run).catch(() => undefined);
      engine.close();
    },
  };
}
