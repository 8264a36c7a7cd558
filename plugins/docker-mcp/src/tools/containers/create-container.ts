import type Docker from 'dockerode';
import { imageUnavailable } from '../../docker/errors.js';
import { pullImage } from '../images/pull-stream.js';
import type { ToolContext } from '../tool.js';
import { createBody } from './create-body.js';
import type { CreateArgs } from './run-schema.js';

/** True when the engine said the image is not present. */
function isNoSuchImage(error: unknown): boolean {
  const e = error as { statusCode?: number; message?: string };
  return e.statusCode === 404 && /no such image/i.test(String(e.message ?? ''));
}

/**
 * Creates a container under the policy; pulls a missing image first (unless `pull: never`), and when that pull
 * fails, says both that the image is not local and why the pull failed.
 */
export async function createContainer(args: CreateArgs, context: ToolContext): Promise<Docker.Container> {
  const body = await createBody(args, context);
  try {
    return await context.docker.createContainer(body);
  } catch (error) {
    if (!isNoSuchImage(error)) throw error;
    if (args.pull === 'never') throw imageUnavailable(args.image, new Error('pulling is disabled for this call (pull: never)'));
    try {
      await pullImage(context, args.image);
    } catch (pullError) {
      throw imageUnavailable(args.image, pullError);
    }
    return context.docker.createContainer(body);
  }
}
