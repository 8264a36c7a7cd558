import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, ModelPullError } from '@berth/sdk';
import { findModelRunner } from '../../src/discovery/find-model-runner.js';
import type { ModelRunnerConnection } from '../../src/discovery/connection.js';
import { pullModel } from '../../src/models/pull-model.js';
import type { PullProgress } from '../../src/models/pull-model.js';
import { renderProgressLine } from '../../src/models/progress-line.js';
import { startReplayServer } from '../support.js';
import type { Replay } from '../support.js';

let replay: Replay;
let runner: ModelRunnerConnection;

beforeAll(async () => {
  replay = await startReplayServer({ chunkDelayMs: 5 });
  runner = await findModelRunner({ baseUrl: replay.url });
});
afterAll(() => replay.close());

/** Pulls, collecting events and the error, if any. */
async function pull(model: string): Promise<{ events: PullProgress[]; error?: ModelPullError }> {
  const events: PullProgress[] = [];
  try {
    for await (const event of pullModel(runner, model)) events.push(event);
    return { events };
  } catch (error) {
    expect(error).toBeInstanceOf(ModelPullError);
    return { events, error: error as ModelPullError };
  }
}

describe('pulling a model: progress from the /models/create JSON-line stream', () => {
  it('yields each progress event as it arrives, then success', async () => {
    const { events, error } = await pull('ai/smollm2');
    expect(error).toBeUndefined();
    expect(replay.requests.at(-1)).toMatchObject({ method: 'POST', path: '/models/create', body: { from: 'ai/smollm2' } });
    expect(events.map((e) => e.type)).toEqual(['progress', 'progress', 'progress', 'progress', 'success']);
    expect(events.map((e) => e.pulled)).toEqual([0, 67108864, 134217728, 268435456, undefined]);
    expect(events[1]).toEqual({
      type: 'progress',
      message: 'Downloaded: 64.00 MB',
      total: 268435456,
      pulled: 67108864,
      layer: { id: 'sha256:5a0d7e4b', size: 268435456, current: 67108864 },
    });
  });

  it('renders a progress bar line for the CLI', async () => {
    const { events } = await pull('ai/smollm2');
    const lines = events.map((e) => renderProgressLine('ai/smollm2', e, 20));
    expect(lines).toEqual([
      'ai/smollm2 [....................]   0% 0 B / 268.4 MB',
      'ai/smollm2 [#####...............]  25% 67.1 MB / 268.4 MB',
      'ai/smollm2 [##########..........]  50% 134.2 MB / 268.4 MB',
      'ai/smollm2 [####################] 100% 268.4 MB / 268.4 MB',
      'ai/smollm2 [####################] 100% Model pulled successfully',
    ]);
  });

  it('an error line mid-stream: the events so far, then a ModelPullError naming the model and the reason', async () => {
    const { events, error } = await pull('ai/broken');
    expect(events.map((e) => e.type)).toEqual(['progress', 'progress']);
    expect(error?.code).toBe(ErrorCodes.MODEL_PULL_FAILED);
    expect(error?.message).toBe(
      "pulling model 'ai/broken' failed: error while pulling model: write /var/lib/docker/models/blobs/sha256/9c4e11aa: no space left on device " +
        '(check the model name (e.g. `ai/smollm2`), the network, and free disk space, then pull again)',
    );
  });

  it("a model the registry does not have: Model Runner's plain-text 404, kept word for word", async () => {
    const { events, error } = await pull('ai/no-such-model');
    expect(events).toEqual([]);
    expect(error?.code).toBe(ErrorCodes.MODEL_PULL_FAILED);
    expect(error?.details).toMatchObject({ model: 'ai/no-such-model', status: 404, serverMessage: 'HTTP 404: Model not found' });
    expect(error?.message).toContain("pulling model 'ai/no-such-model' failed: HTTP 404: Model not found (");
  });

  it('an invalid reference: the plain-text 400 reason', async () => {
    const { error } = await pull('Not A Model');
    expect(error?.message).toContain(
      "pulling model 'Not A Model' failed: HTTP 400: invalid reference format: repository name (library/Not A Model) must be lowercase",
    );
  });

  it('a stream that ends without success is a failure, not a silent end', async () => {
    replay.force('dmr-models-create-truncated', (r) => r.path === '/models/create');
    const { events, error } = await pull('ai/smollm2');
    expect(events).toHaveLength(2);
    expect(error?.code).toBe(ErrorCodes.MODEL_PULL_FAILED);
    expect(error?.message).toContain("pulling model 'ai/smollm2' failed: the progress stream ended before the pull succeeded");
  });
});
