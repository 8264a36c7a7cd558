import {
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  parseJSONRPCMessage,
} from '@modelcontextprotocol/client';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';

/**
 * `_meta` keys whose values the SDK's parse may change (a malformed server info is dropped, unknown keys of a related
 * task are stripped): messages holding them take the full parse, so what the SDK sees is exactly what it would.
 */
const REWRITTEN_META_KEYS = ['io.modelcontextprotocol/serverInfo', 'io.modelcontextprotocol/related-task'];

/** True when the `_meta` of `holder` (params or result) holds a key the SDK's parse may rewrite. */
function hasRewrittenMeta(holder: unknown): boolean {
  const meta = isObject(holder) ? holder._meta : undefined;
  return isObject(meta) && REWRITTEN_META_KEYS.some((key) => key in meta);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The SDK guard for the one JSON-RPC message kind `value`'s keys say it is, or `undefined` when they say none. */
function guardFor(value: Record<string, unknown>): ((v: unknown) => boolean) | undefined {
  if ('method' in value) {
    if (hasRewrittenMeta(value.params)) return undefined;
    return 'id' in value ? isJSONRPCRequest : isJSONRPCNotification;
  }
  if ('result' in value) return hasRewrittenMeta(value.result) ? undefined : isJSONRPCResultResponse;
  if ('error' in value) return errorIsPlain(value.error) ? isJSONRPCErrorResponse : undefined;
  return undefined;
}

/**
 * `value` as a JSON-RPC message, checked with the MCP SDK's own schemas: against the single schema its shape names
 * when that schema accepts it unchanged, else through the SDK's full message parse (which throws its schema error
 * for anything that is not a message). Same verdict as `parseJSONRPCMessage`, without trying each kind in turn.
 */
export function checkJsonRpcMessage(value: unknown): JSONRPCMessage {
  if (isObject(value)) {
    const guard = guardFor(value);
    if (guard?.(value) === true) return value as JSONRPCMessage;
  }
  return parseJSONRPCMessage(value);
}

/** True when an error object holds only the keys the SDK's schema keeps (its parse strips any others). */
function errorIsPlain(error: unknown): boolean {
  return isObject(error) && Object.keys(error).every((key) => key === 'code' || key === 'message' || key === 'data');
}
