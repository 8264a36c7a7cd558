import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { PLUGIN_SCHEMA_ID, pluginManifestJsonSchema } from '@berth/sdk';

const SDK = join(import.meta.dirname, '../..');
const FIXTURES = join(SDK, '../host/test/fixtures/manifests');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('plugin.schema.json', () => {
  test('the committed file equals a fresh export of the zod schema (run scripts/export-schema.js after changing it)', () => {
    const committed = readFileSync(join(SDK, 'plugin.schema.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(pluginManifestJsonSchema(), null, 2)}\n`);
  });

  test('the package exports it as @berth/sdk/plugin.schema.json', () => {
    const pkg = readJson(join(SDK, 'package.json')) as { exports: Record<string, unknown>; files: string[] };
    expect(pkg.exports['./plugin.schema.json']).toBe('./plugin.schema.json');
    expect(pkg.files).toContain('plugin.schema.json');
  });

  test('it is draft 2020-12 with an $id, descriptions for editors and the $schema field', () => {
    const schema = pluginManifestJsonSchema() as { $schema: string; $id: string; properties: Record<string, { description?: string }>; required: string[] };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(PLUGIN_SCHEMA_ID);
    expect(schema.required).toEqual(['name', 'version', 'type']);
    expect(Object.keys(schema.properties)).toContain('$schema');
    for (const [field, property] of Object.entries(schema.properties)) {
      expect(property.description, `properties.${field}.description`).toMatch(/\w/);
    }
  });

  test('a fresh copy each call (callers may mutate it)', () => {
    const a = pluginManifestJsonSchema();
    a['title'] = 'changed';
    expect(pluginManifestJsonSchema()['title']).not.toBe('changed');
  });

  test('editors validating with it accept the valid fixtures and reject a bad version and type', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(pluginManifestJsonSchema());
    for (const name of ['docker-mcp-tools', 'full', 'bom']) {
      const text = readFileSync(join(FIXTURES, 'valid', name, 'plugin.json'), 'utf8').replace(/^\uFEFF/, '');
      expect(validate(JSON.parse(text)), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(validate(readJson(join(FIXTURES, 'invalid/version-not-semver/plugin.json')))).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/version');
    expect(validate(readJson(join(FIXTURES, 'invalid/type-unknown/plugin.json')))).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/type');
  });
});
