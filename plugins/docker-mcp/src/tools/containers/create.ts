import { refuseDangerousOptions } from '../../policy/run-guard.js';
import { changes, defineTool, objectSchema } from '../tool.js';
import { createContainer } from './create-container.js';
import { createProperties } from './run-schema.js';
import type { CreateArgs } from './run-schema.js';

/** `container_create`: create a container without starting it. */
export const containerCreate = defineTool<CreateArgs>({
  name: 'container_create',
  title: 'Create a container',
  description: 'Create a container without starting it (like docker create). Same options and policy as container_run.',
  inputSchema: objectSchema(createProperties, ['image']),
  annotations: changes(false),
  precheck: refuseDangerousOptions,
  async run(args, context) {
    const container = await createContainer(args, context);
    const info = await container.inspect();
    return {
      summary: `created container ${container.id.slice(0, 12)}`,
      data: { id: container.id, name: info.Name.replace(/^\//, ''), state: info.State.Status },
    };
  },
});
