import type { JsonValue, PluginConfigView } from '@berth/sdk';

/** The plugin's settings (see `plugin.json`'s `configuration`). */
export interface DockerLlmSettings {
  /** Where Model Runner is, e.g. `http://localhost:12434`; unset: discovered. */
  readonly baseUrl?: string;
  /** An inference engine (`llama.cpp`, `vllm`, `mlx`, …); unset: Model Runner picks it. */
  readonly engine?: string;
  /** An API key, for an OpenAI-compatible server behind a key (Model Runner needs none). */
  readonly apiKey?: string;
  /** How long one request may take, in milliseconds (default 600000). */
  readonly timeoutMs?: number;
  /** How many times the client retries a failed request (default 0). */
  readonly maxRetries?: number;
}

/** A non-empty string setting, or undefined. */
function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A non-negative number setting, or undefined. */
function count(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Reads the settings from `context.config`. */
export function readSettings(config: PluginConfigView): DockerLlmSettings {
  const baseUrl = text(config.get('base_url'));
  const engine = text(config.get('engine'));
  const apiKey = text(config.get('api_key'));
  const timeoutMs = count(config.get('timeout_ms'));
  const maxRetries = count(config.get('max_retries'));
  return {
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(engine !== undefined ? { engine } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxRetries !== undefined ? { maxRetries } : {}),
  };
}
