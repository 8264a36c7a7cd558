import { z } from 'zod';

/** A contribution name: letters, digits, `_`, `-`, `.`, at most 64 characters (the limit LLM tool names have). */
export const CONTRIBUTION_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

const contributionName = (what: string) =>
  z
    .string()
    .regex(CONTRIBUTION_NAME_PATTERN)
    .describe(`The ${what}'s name within the plugin (letters, digits, '_', '-', '.'); published as <plugin>/<name>.`);

/** A tool declared in `contributes.tools`. */
export const toolContributionSchema = z.object({
  name: contributionName('tool'),
  description: z.string().min(1).describe('What the tool does, for the model and the user.'),
});

/** A provider declared in `contributes.providers`. */
export const providerContributionSchema = z.object({
  name: contributionName('provider'),
  models: z.array(z.string().min(1)).optional().describe('The models the provider serves, when known in advance.'),
});

/** An MCP server declared in `contributes.mcpServers`. */
export const mcpServerContributionSchema = z.object({
  name: contributionName('MCP server'),
  description: z.string().optional().describe('What the server offers.'),
});

/** The schema of `contributes`. */
export const contributesSchema = z
  .object({
    tools: z.array(toolContributionSchema).optional().describe('Tools the plugin registers.'),
    providers: z.array(providerContributionSchema).optional().describe('LLM providers the plugin registers.'),
    mcpServers: z.array(mcpServerContributionSchema).optional().describe('MCP servers the plugin offers.'),
  })
  .describe('What the plugin offers, declared statically so it can be listed (and lazily started) before it runs.');

/** A manifest's `contributes`. */
export type Contributes = z.infer<typeof contributesSchema>;
/** A tool declared in `contributes.tools`. */
export type ToolContribution = z.infer<typeof toolContributionSchema>;
/** A provider declared in `contributes.providers`. */
export type ProviderContribution = z.infer<typeof providerContributionSchema>;
/** An MCP server declared in `contributes.mcpServers`. */
export type McpServerContribution = z.infer<typeof mcpServerContributionSchema>;
