import { describe, expect, it } from 'vitest';
import { ConfigInvalidError, ConfigMissingError } from '@berth/sdk';
import { SettingsSchema, parseSettingValue, settingsSchema, type ConfigurationBlock } from '@berth/host';

const configuration: ConfigurationBlock = {
  docker_socket: { type: 'string', default: '/var/run/docker.sock', description: 'The Docker socket' },
  tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, default: [] },
  ratio: { type: 'number', minimum: 0, maximum: 1 },
  token: { type: 'string', required: true, secret: true, description: 'The API token' },
};

describe('settingsSchema: the manifest configuration block as JSON Schema', () => {
  it('maps each declaration to a property and refuses undeclared settings', () => {
    expect(settingsSchema(configuration)).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        docker_socket: { type: 'string', default: '/var/run/docker.sock', description: 'The Docker socket' },
        tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, default: [] },
        ratio: { type: 'number', minimum: 0, maximum: 1 },
        token: { type: 'string', description: 'The API token', secret: true },
      },
    });
  });
});

describe('SettingsSchema: validation and effective values', () => {
  const schema = SettingsSchema.for('demo', '1.0.0', configuration);

  it('is compiled once per plugin version', () => {
    expect(SettingsSchema.for('demo', '1.0.0', configuration)).toBe(schema);
    expect(SettingsSchema.for('demo', '1.0.1', configuration)).not.toBe(schema);
  });

  it('names the failing array item and what items must be', () => {
    const error = (() => {
      try {
        schema.validate('tags', ['ok', 'NOT OK'], '/home/u/.config/berth/config.json');
      } catch (e) {
        return e;
      }
    })() as ConfigInvalidError;
    expect(error.code).toBe('BERTH_CONFIG_INVALID');
    expect(error.message).toBe(
      `plugin 'demo' setting 'tags' in /home/u/.config/berth/config.json: item 1 must match pattern "^[a-z]+$" ` +
        `(expected array of string matching /^[a-z]+$/) (fix: berth config set demo tags <value>)`,
    );
  });

  it('gives saved values over defaults, and leaves undeclared saved settings out', () => {
    expect(schema.effective({ token: 't', ratio: 0.5, gone: 1 })).toEqual({
      docker_socket: '/var/run/docker.sock',
      tags: [],
      ratio: 0.5,
      token: 't',
    });
  });

  it('refuses to start a plugin whose required setting has no value, naming the command', () => {
    let error: unknown;
    try {
      schema.effective({});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigMissingError);
    expect((error as ConfigMissingError).code).toBe('BERTH_CONFIG_MISSING');
    expect((error as Error).message).toBe(
      "plugin 'demo' requires setting 'token' (The API token), which has no saved value and no default (run: berth config set demo token <value>)",
    );
  });

  it('refuses an invalid saved value when computing effective values', () => {
    expect(() => schema.effective({ token: 't', ratio: 2 }, '/c.json')).toThrow(
      "plugin 'demo' setting 'ratio' in /c.json: must be <= 1 (expected number between 0 and 1) (fix: berth config set demo ratio <value>)",
    );
  });

  it('parses command-line text by the setting type', () => {
    expect(parseSettingValue(schema, 'ratio', '0.25')).toBe(0.25);
    expect(parseSettingValue(schema, 'tags', '["a","b"]')).toEqual(['a', 'b']);
    expect(parseSettingValue(schema, 'docker_socket', '123')).toBe('123');
    expect(parseSettingValue(schema, 'ratio', 'lots')).toBe('lots');
  });
});

describe("SettingsSchema from a manifest's configuration block", () => {
  it('accepts the block as the manifest schema parses it (the specification example)', async () => {
    const { configurationSchema } = await import('@berth/sdk');
    const parsed = configurationSchema.parse({ docker_socket: { type: 'string', default: '/var/run/docker.sock' } });
    const schema = SettingsSchema.for('docker-mcp', '1.0.0', parsed);
    expect(schema.effective(undefined)).toEqual({ docker_socket: '/var/run/docker.sock' });
  });
});
