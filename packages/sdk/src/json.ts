/** A JSON value: what crosses every Berth boundary (RPC, MCP, configuration). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** A JSON Schema document (draft 2020-12 or draft-07), as plain data. */
export type JsonSchema = { [key: string]: JsonValue };
