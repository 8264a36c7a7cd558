// A streamed chat through the OpenAI-compatible endpoint (/v1, routes + Docker LLM provider in process) against the
// same request sent straight to the replay server (recorded llama.cpp stream), in the same run: time to first token
// and total, p50 over many requests. Both sides use the official `openai` client. Plain Node ESM over built dist/.
// The replay server waits CHUNK_DELAY_MS between SSE events, standing in for token generation; a run with no delay
// is reported too (it measures Berth's overhead against an almost-zero baseline, so its ratio is the worst case).
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { createOpenAiRoutes, createStaticProviderSource } from '../packages/host/dist/index.js';
import { createDockerLlmProvider } from '../plugins/docker-llm/dist/index.js';
import { startReplayServer } from '../test/support/replay/index.js';

const WARMUP = 20;
const RUNS = 150;
const CHUNK_DELAY_MS = 2;
const AIM_RATIO = 1.2;
const TOKEN = 'bench-token';
const MESSAGES = [{ role: 'user', content: 'Hi' }];

/** Serves the OpenAI routes over the Docker LLM provider pointed at `replayUrl`. */
async function serveEndpoint(replayUrl) {
  const provider = createDockerLlmProvider({ discovery: { baseUrl: replayUrl } });
  const routes = createOpenAiRoutes(createStaticProviderSource({ 'docker-llm': provider }), {
    authorize: (req) => req.headers.authorization === `Bearer ${TOKEN}`,
  });
  const server = createServer((req, res) => {
    void routes(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** One streamed chat: milliseconds to the first content delta and to the end. */
async function timeStream(client, model) {
  const start = performance.now();
  let first;
  const stream = await client.chat.completions.create({ model, messages: MESSAGES, stream: true });
  for await (const chunk of stream) {
    if (first === undefined && (chunk.choices[0]?.delta?.content ?? '') !== '') first = performance.now() - start;
  }
  return { ttft: first ?? Number.NaN, total: performance.now() - start };
}

const p50 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (n) => Math.round(n * 1000) / 1000;

/** Alternates direct and through-endpoint requests so both see the same machine state. */
async function measure(delayMs) {
  const replay = await startReplayServer({ chunkDelayMs: delayMs });
  const endpoint = await serveEndpoint(replay.url);
  const direct = new OpenAI({ baseURL: `${replay.url}/engines/v1`, apiKey: 'x', maxRetries: 0 });
  const through = new OpenAI({ baseURL: `${endpoint.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  try {
    for (let i = 0; i < WARMUP; i++) {
      await timeStream(direct, 'ai/tiny-test');
      await timeStream(through, 'docker-llm/ai/tiny-test');
    }
    const d = { ttft: [], total: [] };
    const t = { ttft: [], total: [] };
    for (let i = 0; i < RUNS; i++) {
      const a = await timeStream(direct, 'ai/tiny-test');
      const b = await timeStream(through, 'docker-llm/ai/tiny-test');
      d.ttft.push(a.ttft); d.total.push(a.total);
      t.ttft.push(b.ttft); t.total.push(b.total);
    }
    return { direct: { ttft: p50(d.ttft), total: p50(d.total) }, through: { ttft: p50(t.ttft), total: p50(t.total) } };
  } finally {
    await endpoint.close();
    await replay.close();
  }
}

/** The bench: results in ms (p50), ratios endpoint / direct. */
export async function run() {
  const paced = await measure(CHUNK_DELAY_MS);
  const raw = await measure(0);
  const ratios = {
    [`ttft p50, ${CHUNK_DELAY_MS} ms/chunk`]: round(paced.through.ttft / paced.direct.ttft),
    [`total p50, ${CHUNK_DELAY_MS} ms/chunk`]: round(paced.through.total / paced.direct.total),
    'ttft p50, no delay (overhead floor)': round(raw.through.ttft / raw.direct.ttft),
    'total p50, no delay (overhead floor)': round(raw.through.total / raw.direct.total),
  };
  const results = {
    [`direct ttft ms (${CHUNK_DELAY_MS} ms/chunk)`]: round(paced.direct.ttft),
    [`endpoint ttft ms (${CHUNK_DELAY_MS} ms/chunk)`]: round(paced.through.ttft),
    [`direct total ms (${CHUNK_DELAY_MS} ms/chunk)`]: round(paced.direct.total),
    [`endpoint total ms (${CHUNK_DELAY_MS} ms/chunk)`]: round(paced.through.total),
    'direct ttft ms (no delay)': round(raw.direct.ttft),
    'endpoint ttft ms (no delay)': round(raw.through.ttft),
    'direct total ms (no delay)': round(raw.direct.total),
    'endpoint total ms (no delay)': round(raw.through.total),
  };
  const aims = [
    { aim: `time to first token ≤ ${AIM_RATIO}× direct (${CHUNK_DELAY_MS} ms/chunk)`, actual: ratios[`ttft p50, ${CHUNK_DELAY_MS} ms/chunk`], met: ratios[`ttft p50, ${CHUNK_DELAY_MS} ms/chunk`] <= AIM_RATIO },
    { aim: `total ≤ ${AIM_RATIO}× direct (${CHUNK_DELAY_MS} ms/chunk)`, actual: ratios[`total p50, ${CHUNK_DELAY_MS} ms/chunk`], met: ratios[`total p50, ${CHUNK_DELAY_MS} ms/chunk`] <= AIM_RATIO },
  ];
  return { name: 'openai endpoint: streamed chat vs straight to the replay server', results, ratios, aims };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run({ json: true }), null, 2));
}
