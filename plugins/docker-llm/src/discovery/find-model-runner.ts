import { ProviderUnavailableError } from '@berth/sdk';
import { modelRunnerCandidates } from './candidates.js';
import type { DiscoveryOptions } from './candidates.js';
import { connectTo } from './connection.js';
import type { ModelRunnerConnection } from './connection.js';
import type { ModelRunnerCandidate } from './location.js';

/** What a probe found at one candidate. */
interface ProbeResult {
  readonly ok: boolean;
  readonly why: string;
}

/** Asks a candidate for its model list; only an HTTP 200 counts as Model Runner answering. */
async function probe(candidate: ModelRunnerCandidate, timeoutMs: number): Promise<ProbeResult> {
  const connection = connectTo(candidate);
  try {
    const res = await connection.fetch(connection.url('/engines/v1/models'), { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status === 200 ? { ok: true, why: 'answered' } : { ok: false, why: `HTTP ${res.status}` };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
    // Node's permission model refuses a path the sandbox did not grant: that says nothing about Model Runner.
    if (code === 'ERR_ACCESS_DENIED') return { ok: false, why: 'not tried: the sandbox denies this plugin that path (not granted; see berth audit)' };
    if (typeof code === 'string') return { ok: false, why: code };
    const reason = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
    return { ok: false, why: reason };
  }
}

/** The message when no candidate answered. */
function unreachableMessage(tried: readonly string[]): string {
  return (
    `Docker Model Runner is not reachable (tried ${tried.join('; ')}). ` +
    'Enable it with `docker desktop enable model-runner --tcp 12434` or set base_url'
  );
}

/**
 * Finds Model Runner in the documented order — the `base_url` setting; `MODEL_RUNNER_HOST`; `http://localhost:12434`;
 * Docker Desktop's socket (`~/.docker/run/docker.sock`, prefix `/exp/vDD4.40`); `http://model-runner.docker.internal`
 * — and returns a connection to the first that answers. Throws a `ProviderUnavailableError` listing what was tried.
 */
export async function findModelRunner(options: DiscoveryOptions = {}): Promise<ModelRunnerConnection> {
  const tried: string[] = [];
  for (const candidate of modelRunnerCandidates(options)) {
    const result = await probe(candidate, options.probeTimeoutMs ?? 1500);
    if (result.ok) return connectTo(candidate);
    tried.push(`${candidate.label}: ${result.why}`);
  }
  throw new ProviderUnavailableError({
    provider: 'docker-llm',
    plugin: 'docker-llm',
    serverMessage: unreachableMessage(tried),
    hint: 'the discovery order is in docs/providers.md',
  });
}
