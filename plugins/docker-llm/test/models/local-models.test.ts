import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, ModelNotFoundError, ProviderUnavailableError } from '@berth/sdk';
import { findModelRunner } from '../../src/discovery/find-model-runner.js';
import type { ModelRunnerConnection } from '../../src/discovery/connection.js';
import { listLocalModels, removeModel } from '../../src/models/local-models.js';
import { startReplayServer } from '../support.js';
import type { Replay } from '../support.js';

let replay: Replay;
let runner: ModelRunnerConnection;

beforeAll(async () => {
  replay = await startReplayServer();
  runner = await findModelRunner({ baseUrl: replay.url });
});
afterAll(() => replay.close());

describe("model management through Model Runner's own API", () => {
  it('lists the stored models (GET /models)', async () => {
    const models = await listLocalModels(runner);
    expect(models.map((m) => m.tags)).toEqual([['ai/tiny-test:latest'], ['ai/tiny-embed:latest']]);
    expect(models[0]?.config).toMatchObject({ format: 'gguf', quantization: 'Q4_K_M' });
  });

  it('removes a model (DELETE /models/<namespace>/<name>)', async () => {
    await removeModel(runner, 'ai/tiny-test', { force: true });
    expect(replay.requests.at(-1)).toMatchObject({ method: 'DELETE', url: '/models/ai/tiny-test?force=true' });
  });

  it("removing an unknown model: ModelNotFoundError with Model Runner's plain-text message", async () => {
    const error = (await removeModel(runner, 'ai/nope').catch((e: unknown) => e)) as ModelNotFoundError;
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect(error.code).toBe(ErrorCodes.PROVIDER_MODEL_NOT_FOUND);
    expect(error.serverMessage).toBe('model not found');
    expect(error.message).toContain("(model 'ai/nope') does not have the model: HTTP 404: model not found");
  });

  it('Model Runner gone after it was found: ProviderUnavailableError saying where it was', async () => {
    const gone = await startReplayServer();
    const connection = await findModelRunner({ baseUrl: gone.url });
    await gone.close();
    const error = (await listLocalModels(connection).catch((e: unknown) => e)) as ProviderUnavailableError;
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.code).toBe(ErrorCodes.PROVIDER_UNAVAILABLE);
    expect(error.serverMessage).toBe(`cannot connect to Docker Model Runner at base_url setting ${gone.url}: connect ECONNREFUSED ${gone.url.slice('http://'.length)}`);
  });
});
