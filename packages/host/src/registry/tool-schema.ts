import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, ToolInputViolation } from '@berth/sdk';

const require = createRequire(import.meta.url);
const draft07 = require('ajv/dist/refs/json-schema-draft-07.json') as Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** A compiled argument check: the violations, or `undefined` when the arguments are valid. */
export type ArgumentCheck = (args: unknown) => readonly ToolInputViolation[] | undefined;

/**
 * One JSON Schema compiler for a registry: draft 2020-12 (MCP's default) and draft-07 schemas, every error
 * reported (`allErrors`), no coercion and no defaults (the handler gets the arguments as the caller sent them).
 */
export function createSchemaCompiler(): (schema: JsonSchema) => ArgumentCheck {
  const ajv = new Ajv2020({ allErrors: true, strict: false, addUsedSchema: false, validateSchema: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft07);
  return (schema) => toCheck(ajv.compile(schema));
}

/** Wraps an ajv validator as an {@link ArgumentCheck}. */
function toCheck(validate: ValidateFunction): ArgumentCheck {
  return (args) => (validate(args) ? undefined : (validate.errors ?? []).map(toViolation));
}

/** One ajv error as a violation a person reads: where, and what is wrong. */
function toViolation(error: ErrorObject): ToolInputViolation {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    return { path: `${error.instancePath}/${String(params['missingProperty'])}`, message: 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    return { path: `${error.instancePath}/${String(params['additionalProperty'])}`, message: 'is not an allowed property' };
  }
  if (error.keyword === 'enum') {
    return { path: error.instancePath, message: `must be one of ${JSON.stringify(params['allowedValues'])}` };
  }
  return { path: error.instancePath, message: error.message ?? `fails '${error.keyword}'` };
}
