import { APIUserAbortError } from 'openai';
import type OpenAI from 'openai';
import { chatRequestToWire, chatResponseFromWire, embedResponseFromWire, streamPartsFromWire } from '@berth/sdk';
import type {
  ChatRequest,
  ChatResponse,
  EmbedRequest,
  EmbedResponse,
  ListModelsOptions,
  ModelInfo,
  Provider,
  ProviderError,
  ProviderCallOptions,
  StreamPart,
  WireChunk,
  WireChunkText,
  WireCompletion,
  WireEmbeddings,
  WireStreamOptions,
} from '@berth/sdk';
import type { DiscoveryOptions } from './discovery/candidates.js';
import type { ModelRunnerConnection } from './discovery/connection.js';
import { findModelRunner } from './discovery/find-model-runner.js';
import { toProviderError } from './errors/to-provider-error.js';
import type { ErrorContext } from './errors/to-provider-error.js';
import { modelInfoOf } from './models/model-info.js';
import type { RunnerModelEntry } from './models/model-info.js';
import { createOpenAiClient } from './openai/client.js';
import type { OpenAiClientOptions } from './openai/client.js';
import { streamWireChunks } from './openai/wire-stream.js';

/** Options of {@link createDockerLlmProvider}. */
export interface DockerLlmProviderOptions extends OpenAiClientOptions {
  /** The provider's name (default `docker-llm`). */
  readonly name?: string;
  /** Where to look for Model Runner (the `base_url` setting goes in `discovery.baseUrl`). */
  readonly discovery?: DiscoveryOptions;
  /** Told once which Model Runner is used, e.g. to log it. */
  readonly onLocated?: (connection: ModelRunnerConnection) => void;
}

/** The Docker LLM provider: a {@link Provider} with access to the Model Runner it found. */
export interface DockerLlmProvider extends Provider {
  /** Finds Model Runner (once; a failure is not remembered, so it is found when started later). */
  connect(): Promise<ModelRunnerConnection>;
}

/** A located Model Runner and its client. */
interface Located {
  readonly connection: ModelRunnerConnection;
  readonly client: OpenAI;
}

/** How calls reach Model Runner: find it (once), and turn failures into typed errors. */
interface Session {
  readonly options: OpenAiClientOptions;
  locate(): Promise<Located>;
  failed(error: unknown, context: ErrorContext): ProviderError;
}

/** The `signal` option of the openai client, only when there is one. */
function requestOptions(options: ProviderCallOptions | ListModelsOptions | undefined): { signal?: AbortSignal } {
  return options?.signal !== undefined ? { signal: options.signal } : {};
}

/** Builds the Docker Model Runner provider. Model Runner is located lazily, on the first call. */
export function createDockerLlmProvider(options: DockerLlmProviderOptions = {}): DockerLlmProvider {
  const name = options.name ?? 'docker-llm';
  let located: Promise<Located> | undefined;

  const locate = (): Promise<Located> => {
    located ??= findModelRunner(options.discovery).then(
      (connection) => {
        options.onLocated?.(connection);
        return { connection, client: createOpenAiClient(connection, options) };
      },
      (error: unknown) => {
        located = undefined;
        throw error;
      },
    );
    return located;
  };

  /** The typed error for a failed call; a lost connection forgets the location, so the next call looks again. */
  const failed = (error: unknown, context: ErrorContext): ProviderError => {
    const typed = toProviderError(error, context);
    if (typed.kind === 'unavailable' && typed.status === undefined) located = undefined;
    return typed;
  };
  const session: Session = { options, locate, failed };

  /** Runs a call against the client, turning every failure into a typed provider error. */
  const call = async <T>(model: string | undefined, run: (client: OpenAI) => Promise<T>): Promise<T> => {
    const { connection, client } = await locate();
    try {
      return await run(client);
    } catch (error) {
      throw failed(error, { provider: name, where: connection.location.label, ...(model !== undefined ? { model } : {}) });
    }
  };

  return {
    name,
    connect: async () => (await locate()).connection,

    listModels: (opts) =>
      call(undefined, async (client): Promise<readonly ModelInfo[]> => {
        const page = await client.models.list(requestOptions(opts));
        return page.data.map((entry) => modelInfoOf(entry as unknown as RunnerModelEntry));
      }),

    chat: (request: ChatRequest, opts?: ProviderCallOptions): Promise<ChatResponse> =>
      call(request.model, async (client) => {
        const body = { ...chatRequestToWire(request), stream: false } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;
        const completion = await client.chat.completions.create(body, requestOptions(opts));
        return chatResponseFromWire(completion as unknown as WireCompletion);
      }),

    stream: (request: ChatRequest, opts?: ProviderCallOptions): AsyncIterable<StreamPart> =>
      streamFrom(name, request, opts, session),

    streamWire: (request: ChatRequest, opts?: WireStreamOptions): AsyncIterable<WireChunkText> =>
      streamWireFrom(name, request, opts, session),

    embed: (request: EmbedRequest, opts?: ProviderCallOptions): Promise<EmbedResponse> =>
      call(request.model, async (client) => {
        const answer = await client.embeddings.create(
          { model: request.model, input: [...request.input], encoding_format: 'float', ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}) },
          requestOptions(opts),
        );
        return embedResponseFromWire(answer as unknown as WireEmbeddings);
      }),
  };
}

/** The stream of one chat: SSE chunks from Model Runner as typed parts; failures (also mid-stream) as typed errors. */
async function* streamFrom(
  name: string,
  request: ChatRequest,
  opts: ProviderCallOptions | undefined,
  session: Session,
): AsyncGenerator<StreamPart> {
  const { connection, client } = await session.locate();
  const context = { provider: name, where: connection.location.label, model: request.model };
  try {
    const body = {
      ...chatRequestToWire(request),
      stream: true,
      stream_options: { include_usage: true },
    } as unknown as OpenAI.ChatCompletionCreateParamsStreaming;
    const chunks = await client.chat.completions.create(body, requestOptions(opts));
    for await (const part of streamPartsFromWire(chunks as unknown as AsyncIterable<WireChunk>)) {
      // The openai client ends a stream quietly when aborted: never report such a stream as finished.
      if (opts?.signal?.aborted === true) throw new APIUserAbortError();
      yield part;
    }
  } catch (error) {
    throw session.failed(error, context);
  }
}

/**
 * The stream of one chat as Model Runner's own chunks (see `Provider.streamWire`): the request built as for
 * `stream`, the usage chunk only when the client asked for it; failures (also mid-stream) as typed errors.
 */
async function* streamWireFrom(
  name: string,
  request: ChatRequest,
  opts: WireStreamOptions | undefined,
  session: Session,
): AsyncGenerator<WireChunkText> {
  const { connection } = await session.locate();
  const context = { provider: name, where: connection.location.label, model: request.model };
  const body = { ...chatRequestToWire(request), stream: true, ...(opts?.includeUsage === true ? { stream_options: { include_usage: true } } : {}) };
  try {
    yield* streamWireChunks(connection, body, session.options, opts?.signal);
    // A stream cut by the caller must not look finished.
    if (opts?.signal?.aborted === true) throw new APIUserAbortError();
  } catch (error) {
    // A cancelled call cuts the response: whatever the socket reports then, the caller cancelled it.
    throw session.failed(opts?.signal?.aborted === true ? new APIUserAbortError() : error, context);
  }
}
