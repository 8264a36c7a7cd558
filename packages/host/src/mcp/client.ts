import { Client } from '@modelcontextprotocol/client';
import type { CallToolRequest, CallToolResult, RequestOptions, StandardSchemaV1 } from '@modelcontextprotocol/client';

/**
 * The MCP SDK's client, with one more way to call a tool: {@link BerthMcpClient.callPlainTool}, for the tools Berth
 * calls most, those without an output schema. The SDK's `callTool` is `request('tools/call')` plus two things such a
 * tool on a stdio server does not need (validating `structuredContent` against the output schema, and mirroring
 * arguments into HTTP headers), and it probes its result schema with a failing parse on every call. This sends the
 * same request and checks the result with the same era codec, once per call.
 */
export class BerthMcpClient extends Client {
  /** The result check of `tools/call`: the negotiated era's own validator (what the SDK's `request` applies). */
  readonly #callToolResult: StandardSchemaV1<unknown, CallToolResult> = {
    '~standard': {
      version: 1,
      vendor: 'berth',
      validate: (value) => {
        const outcome = this._wireCodec().validateResult('tools/call', value);
        if (outcome.ok) return { value: outcome.value as CallToolResult };
        const message = outcome.reason === 'invalid' ? outcome.message : 'tools/call is not in the negotiated protocol version';
        return { issues: [{ message }] };
      },
    },
  };

  /**
   * Calls a tool that declares no output schema: the same `tools/call` request and result check as `callTool`
   * without the output-schema and header steps (which have nothing to do for it on a stdio connection).
   */
  async callPlainTool(params: CallToolRequest['params'], options?: RequestOptions): Promise<CallToolResult> {
    return this.request({ method: 'tools/call', params }, this.#callToolResult, options);
  }
}
