import type { ModelCapability, ModelInfo } from '@berth/sdk';

/** An entry of Model Runner's `GET /engines/v1/models` (OpenAI shape plus Model Runner / llama.cpp extras). */
export interface RunnerModelEntry {
  readonly id: string;
  readonly created?: number;
  readonly owned_by?: string;
  readonly dmr?: { readonly context_window?: number };
  readonly meta?: { readonly n_ctx?: number; readonly n_ctx_train?: number };
  readonly capabilities?: readonly string[];
}

/** Capabilities named by the server (llama.cpp's `completion`, `embedding`, `tools`, `vision`). */
function capabilitiesOf(entry: RunnerModelEntry): ModelCapability[] | undefined {
  if (entry.capabilities === undefined) return undefined;
  const map: Record<string, ModelCapability> = { completion: 'chat', chat: 'chat', tools: 'tools', embedding: 'embeddings', embeddings: 'embeddings', vision: 'vision' };
  const named = entry.capabilities.map((c) => map[c]).filter((c): c is ModelCapability => c !== undefined);
  return [...new Set(named)];
}

/** A model-list entry as the provider contract's {@link ModelInfo}. */
export function modelInfoOf(entry: RunnerModelEntry): ModelInfo {
  const context = entry.dmr?.context_window ?? entry.meta?.n_ctx ?? entry.meta?.n_ctx_train;
  const capabilities = capabilitiesOf(entry);
  return {
    id: entry.id,
    ...(entry.owned_by !== undefined ? { ownedBy: entry.owned_by } : {}),
    ...(typeof entry.created === 'number' ? { created: entry.created } : {}),
    ...(typeof context === 'number' ? { contextLength: context } : {}),
    ...(capabilities !== undefined ? { capabilities } : {}),
  };
}
