import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** No provider is registered for a `<plugin>/<model>` id. */
export class ProviderNotFoundError extends BerthError {
  /**
   * @param model - the id asked for
   * @param known - the plugins that do have providers
   */
  constructor(model: string, known: readonly string[] = []) {
    const list = known.length > 0 ? `; plugins with providers: ${known.join(', ')}` : '';
    super(
      ErrorCodes.PROVIDER_NOT_FOUND,
      `no provider serves model '${model}' (expected '<plugin>/<model>', run: berth providers list)${list}`,
      { model, hint: 'berth providers list' },
    );
  }
}
