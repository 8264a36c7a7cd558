/** An LLM provider as a plugin registers it. Owned by the provider area: see its documentation. */
export interface Provider {
  /** The provider's name within its plugin. */
  readonly name: string;
}

/** `context.providers`. */
export interface ProvidersApi {
  /** Registers a provider; returns a function that unregisters it. */
  register(provider: Provider): () => void;
}
