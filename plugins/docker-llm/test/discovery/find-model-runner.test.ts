import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, ProviderUnavailableError } from '@berth/sdk';
import { findModelRunner } from '../../src/discovery/find-model-runner.js';
import { modelRunnerCandidates, normaliseBaseUrl } from '../../src/discovery/candidates.js';
import { createDockerLlmProvider } from '../../src/provider.js';
import { ask, startReplayServer } from '../support.js';
import type { Replay } from '../support.js';

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

let replay: Replay;
let socketReplay: Replay;
let dir: string;
let port: number;
let dead: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-dmr-'));
  replay = await startReplayServer();
  socketReplay = await startReplayServer({ tcp: false, socketPath: join(dir, 'docker.sock') });
  port = Number(new URL(replay.url).port);
  dead = await deadPort();
});
afterAll(async () => {
  await replay.close();
  await socketReplay.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Discovery options where nothing automatic answers unless overridden. */
function nowhere(overrides: Parameters<typeof findModelRunner>[0] = {}): Parameters<typeof findModelRunner>[0] {
  return { env: {}, defaultHost: '127.0.0.1', defaultPort: dead, socketPaths: [join(dir, 'missing.sock')], containerUrl: `http://127.0.0.1:${dead}`, probeTimeoutMs: 500, ...overrides };
}

describe('finding Docker Model Runner, in the documented order', () => {
  it('the base_url setting comes first (over MODEL_RUNNER_HOST)', async () => {
    const found = await findModelRunner(nowhere({ baseUrl: `${replay.url}/engines/v1`, env: { MODEL_RUNNER_HOST: `http://127.0.0.1:${dead}` } }));
    expect(found.location).toMatchObject({ source: 'setting', baseUrl: replay.url });
    expect(found.openAiBaseUrl()).toBe(`${replay.url}/engines/v1`);
  });

  it('then the MODEL_RUNNER_HOST environment variable (tcp:// form accepted)', async () => {
    const found = await findModelRunner(nowhere({ env: { MODEL_RUNNER_HOST: `tcp://127.0.0.1:${port}` }, defaultPort: port }));
    expect(found.location).toMatchObject({ source: 'env', baseUrl: replay.url, label: `MODEL_RUNNER_HOST=${replay.url}` });
  });

  it('then the default port (localhost:12434 unless injected)', async () => {
    expect(modelRunnerCandidates({ env: {} })[0]).toMatchObject({ source: 'default-port', baseUrl: 'http://localhost:12434' });
    const found = await findModelRunner(nowhere({ defaultPort: port, containerUrl: replay.url }));
    expect(found.location).toMatchObject({ source: 'default-port', baseUrl: replay.url });
  });

  it("then Docker Desktop's socket, with the /exp/vDD4.40 prefix, over HTTP on a UNIX socket", async () => {
    const found = await findModelRunner(nowhere({ socketPaths: [join(dir, 'missing.sock'), join(dir, 'docker.sock')] }));
    expect(found.location).toMatchObject({ source: 'desktop-socket', socketPath: join(dir, 'docker.sock'), baseUrl: 'http://localhost/exp/vDD4.40' });
    const provider = createDockerLlmProvider({ discovery: nowhere({ socketPaths: [join(dir, 'docker.sock')] }) });
    const models = await provider.listModels();
    expect(models.map((m) => m.id)).toEqual(['ai/tiny-test']);
    const answer = await provider.chat(ask());
    expect(answer.message.content).toBe('Hello! I am a tiny test model.');
    expect(socketReplay.requests.map((r) => r.url)).toContain('/exp/vDD4.40/engines/v1/chat/completions');
    expect(socketReplay.requests.every((r) => r.transport === 'socket' && r.url.startsWith('/exp/vDD4.40/'))).toBe(true);
  });

  it('then the in-container host (model-runner.docker.internal unless injected)', async () => {
    expect(modelRunnerCandidates({ env: {}, socketPaths: [] }).at(-1)).toMatchObject({ source: 'container', baseUrl: 'http://model-runner.docker.internal' });
    const found = await findModelRunner(nowhere({ containerUrl: replay.url }));
    expect(found.location).toMatchObject({ source: 'container', baseUrl: replay.url });
  });

  it('a socket that is not Model Runner (Docker Engine: 404 on /exp/vDD4.40) does not count', async () => {
    const engine = createHttpServer((req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"page not found"}');
    });
    await new Promise<void>((resolve) => engine.listen(join(dir, 'engine.sock'), resolve));
    try {
      const found = await findModelRunner(nowhere({ socketPaths: [join(dir, 'engine.sock')], containerUrl: replay.url }));
      expect(found.location.source).toBe('container');
      const error = (await findModelRunner(nowhere({ socketPaths: [join(dir, 'engine.sock')] })).catch((e: unknown) => e)) as Error;
      expect(error.message).toContain(`Docker Desktop socket ${join(dir, 'engine.sock')} (/exp/vDD4.40): HTTP 404`);
    } finally {
      engine.closeAllConnections();
      await new Promise<void>((resolve) => engine.close(() => resolve()));
    }
  });

  it('when none answers: a ProviderUnavailableError listing everything tried, and how to enable Model Runner', async () => {
    const error = await findModelRunner(nowhere()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    const e = error as ProviderUnavailableError;
    expect(e.code).toBe(ErrorCodes.PROVIDER_UNAVAILABLE);
    expect(e.serverMessage).toBe(
      `Docker Model Runner is not reachable (tried http://127.0.0.1:${dead}: ECONNREFUSED; ` +
        `Docker Desktop socket ${join(dir, 'missing.sock')} (/exp/vDD4.40): ENOENT; http://127.0.0.1:${dead}: ECONNREFUSED). ` +
        'Enable it with `docker desktop enable model-runner --tcp 12434` or set base_url',
    );
    expect(e.message).toContain("provider 'docker-llm' is not available: Docker Model Runner is not reachable (tried ");
  });

  it('an explicit base_url that does not answer is reported alone (no silent fallback)', async () => {
    const error = (await findModelRunner(nowhere({ baseUrl: `http://127.0.0.1:${dead}`, defaultPort: port })).catch((e: unknown) => e)) as ProviderUnavailableError;
    expect(error.code).toBe(ErrorCodes.PROVIDER_UNAVAILABLE);
    expect(error.serverMessage).toBe(
      `Docker Model Runner is not reachable (tried base_url setting http://127.0.0.1:${dead}: ECONNREFUSED). ` +
        'Enable it with `docker desktop enable model-runner --tcp 12434` or set base_url',
    );
  });

  it('reports which one it uses, and addresses the configured engine as /engines/<engine>/v1', async () => {
    const used: string[] = [];
    const provider = createDockerLlmProvider({ discovery: { baseUrl: replay.url }, engine: 'llama.cpp', onLocated: (c) => used.push(c.location.label) });
    await provider.chat(ask());
    expect(used).toEqual([`base_url setting ${replay.url}`]);
    expect(replay.requests.at(-1)?.url).toBe('/engines/llama.cpp/v1/chat/completions');
  });

  it('a lost connection makes the next call look again (Model Runner moved or restarted elsewhere)', async () => {
    const first = await startReplayServer();
    const used: string[] = [];
    const provider = createDockerLlmProvider({
      discovery: nowhere({ defaultPort: Number(new URL(first.url).port), containerUrl: replay.url }),
      onLocated: (c) => used.push(c.location.source),
    });
    await provider.chat(ask());
    await first.close();
    const error = (await provider.chat(ask()).catch((e: unknown) => e)) as ProviderUnavailableError;
    expect(error.code).toBe(ErrorCodes.PROVIDER_UNAVAILABLE);
    expect(error.serverMessage).toContain(`cannot connect to Docker Model Runner at ${first.url}`);
    await expect(provider.chat(ask())).resolves.toMatchObject({ finishReason: 'stop' });
    expect(used).toEqual(['default-port', 'container']);
  });

  it('normalises the forms users write', () => {
    expect(normaliseBaseUrl('localhost:12434')).toBe('http://localhost:12434');
    expect(normaliseBaseUrl('tcp://10.0.0.2:12434/')).toBe('http://10.0.0.2:12434');
    expect(normaliseBaseUrl('http://h:1/engines/llama.cpp/v1')).toBe('http://h:1');
  });
});
