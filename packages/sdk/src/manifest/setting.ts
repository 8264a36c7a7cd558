import { z } from 'zod';

/** The types a setting may have. */
export const SETTING_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

/** The type of one setting. */
export type SettingType = (typeof SETTING_TYPES)[number];

/** The types an array setting's items may have. */
export const SETTING_ITEM_TYPES = ['string', 'number', 'integer', 'boolean'] as const;

/** A setting's name: a letter or `_`, then letters, digits, `_`, `-` or `.`. */
export const SETTING_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** The schema of an array setting's items. */
export const settingItemsSchema = z
  .object({
    type: z.enum(SETTING_ITEM_TYPES).describe('The type of each item.'),
    enum: z.array(scalar).min(1).optional().describe('The only values an item may take.'),
  })
  .describe('For array settings: what each item is.');

/** The schema of one setting in `configuration`. */
export const settingSchema = z
  .object({
    type: z.enum(SETTING_TYPES).describe('The JSON type of the value.'),
    default: z.json().optional().describe('The value used until the user sets one; must match `type`.'),
    description: z.string().optional().describe('What the setting does, shown to the user.'),
    enum: z.array(scalar).min(1).optional().describe('The only values allowed.'),
    minimum: z.number().optional().describe('For number and integer settings: the smallest value allowed.'),
    maximum: z.number().optional().describe('For number and integer settings: the largest value allowed.'),
    pattern: z.string().optional().describe('For string settings: a regular expression the value must match.'),
    items: settingItemsSchema.optional(),
    required: z.boolean().optional().describe('The plugin cannot start until the user sets a value (no default).'),
    secret: z
      .boolean()
      .optional()
      .describe('A secret (token, password): stored apart from the configuration and never printed or logged.'),
  })
  .describe('One setting the user can change, e.g. {"type": "string", "default": "/var/run/docker.sock"}.');

/** One setting as declared in `plugin.json`. */
export type SettingSchema = z.infer<typeof settingSchema>;

/** The schema of `configuration`: setting name → setting. */
export const configurationSchema = z
  .record(z.string().regex(SETTING_NAME_PATTERN), settingSchema)
  .describe("The plugin's settings, by name; the user's values are saved by the host and passed as context.config.");

/** A manifest's `configuration`. */
export type ConfigurationSchema = z.infer<typeof configurationSchema>;
