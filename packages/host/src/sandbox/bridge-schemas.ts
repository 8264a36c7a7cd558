import { z } from 'zod';

const name = z.string().min(1).max(256);
const handler = z.number().int().positive();
const token = z.string().min(1).max(64);
const json = z.json();
const jsonObject = z.record(z.string(), json);

/** `registration/dispose`. */
export const unregisterParams = z.object({ registration: z.number().int().positive() });

/** `tools/register`. */
export const toolRegisterParams = z.object({
  name,
  description: z.string().max(16_384),
  inputSchema: jsonObject,
  outputSchema: jsonObject.optional(),
  annotations: z
    .object({
      title: z.string().max(512).optional(),
      readOnlyHint: z.boolean().optional(),
      destructiveHint: z.boolean().optional(),
      idempotentHint: z.boolean().optional(),
      openWorldHint: z.boolean().optional(),
    })
    .optional(),
  handler,
});

/** `tools/call`. */
export const toolCallParams = z.object({ id: name, args: jsonObject, token, timeoutMs: z.number().int().positive().optional() });

/** `hooks/on`. */
export const hookOnParams = z.object({
  name,
  handler,
  options: z
    .object({
      order: z.enum(['pre', 'post']).optional(),
      before: z.array(name).max(256).optional(),
      timeoutMs: z.number().int().positive().optional(),
    })
    .optional(),
});

/** `events/on`. */
export const eventOnParams = z.object({ event: name, handler });

/** `events/emit`. */
export const eventEmitParams = z.object({ event: name, payload: json.optional() });

/** `services/call`. */
export const serviceCallParams = z.object({ service: name, method: name, args: z.array(json).max(64) });

const remoteObject = z.object({
  handler,
  data: jsonObject,
  methods: z.array(name).max(256),
  streams: z.array(name).max(256),
});

/** `services/provide`. */
export const serviceProvideParams = z.object({ service: name, permission: name.optional(), object: remoteObject });

/** `providers/register`. */
export const providerRegisterParams = z.object({ object: remoteObject });

/** `log`. */
export const logParams = z.object({
  level: z.enum(['trace', 'debug', 'info', 'warn', 'error']),
  message: z.string().max(65_536),
  fields: jsonObject.optional(),
});

/** `handler/progress`. */
export const progressParams = z.object({
  token,
  update: z.object({ progress: z.number(), total: z.number().optional(), message: z.string().max(4096).optional() }),
});

/** `handler/item`. */
export const itemParams = z.object({ token, item: json });

/** `sandbox/denied`. */
export const deniedParams = z.object({ permission: name, target: z.string().max(4096) });

/** Requests without params: anything (or nothing) is accepted and ignored. */
export function unknownParams() {
  return z.unknown();
}
