import { z } from 'zod';
import type { WireChatBody } from '@berth/sdk';
import { invalidRequest } from './openai-error.js';
import type { OpenAiErrorAnswer } from './openai-error.js';

const text = z.string();
const textParts = z.array(z.looseObject({ type: z.literal('text'), text }));
const toolCall = z.looseObject({
  id: text,
  type: z.literal('function').optional(),
  function: z.looseObject({ name: text, arguments: text }),
});
const contentPart = z.union([
  z.looseObject({ type: z.literal('text'), text }),
  z.looseObject({ type: z.literal('image_url'), image_url: z.looseObject({ url: text, detail: z.enum(['auto', 'low', 'high']).optional() }) }),
]);

const message = z.discriminatedUnion('role', [
  z.looseObject({ role: z.enum(['system', 'developer']), content: z.union([text, textParts]) }),
  z.looseObject({ role: z.literal('user'), content: z.union([text, z.array(contentPart)]) }),
  z.looseObject({ role: z.literal('assistant'), content: z.union([text, textParts]).nullish(), tool_calls: z.array(toolCall).optional() }),
  z.looseObject({ role: z.literal('tool'), content: z.union([text, textParts]), tool_call_id: text }),
]);

const tool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({ name: text.min(1), description: text.optional(), parameters: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullish() }),
});

/** The body of `POST /v1/chat/completions`, as far as Berth maps it; other fields pass through. */
export const chatBodySchema = z.looseObject({
  model: text.min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(tool).optional(),
  tool_choice: z.union([z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: text }) })]).optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: z
    .union([
      z.looseObject({ type: z.enum(['text', 'json_object']) }),
      z.looseObject({ type: z.literal('json_schema'), json_schema: z.looseObject({ name: text, schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullish() }) }),
    ])
    .optional(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  stop: z.union([text, z.array(text)]).nullish(),
  seed: z.number().int().nullish(),
  n: z.literal(1).nullish(),
});

/** The body of `POST /v1/embeddings`. */
export const embeddingsBodySchema = z.looseObject({
  model: text.min(1),
  input: z.union([text, z.array(text).min(1)]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
});

/** A validated body, or the answer naming the first field at fault. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly answer: OpenAiErrorAnswer };

/** Validates a body against a schema; the error names the field (OpenAI's `param`) and what it must be. */
export function checkBody<S extends z.ZodType>(schema: S, body: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const param = issue !== undefined && issue.path.length > 0 ? issue.path.map(String).join('.') : null;
  const where = param !== null ? `'${param}'` : 'the body';
  return { ok: false, answer: invalidRequest(`${where}: ${issue?.message ?? 'invalid'}`, param) };
}

/** The validated chat body in the SDK's wire type. */
export function asWireChatBody(body: z.output<typeof chatBodySchema>): WireChatBody {
  return body as unknown as WireChatBody;
}
