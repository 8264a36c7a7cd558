import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withModelField } from '../../../src/endpoints/openai/model-field.js';

describe('withModelField', () => {
  it('replaces only the top-level model value, every other byte as it was', () => {
    const text = '{"id":"x","model" : "tiny-test","choices":[{"delta":{"content":"say \\"model\\":\\"no\\""},"model":"nested"}]}';
    expect(withModelField(text, 'docker-llm/ai/tiny-test')).toBe(text.replace('"tiny-test"', '"docker-llm/ai/tiny-test"'));
  });

  it('leaves text without a top-level string model alone', () => {
    for (const text of ['{"choices":[{"model":"inner"}]}', '{"object":"model","n":1}', '{"model":null}', 'not json']) {
      expect(withModelField(text, 'm')).toBe(text);
    }
  });

  it('matches parse, set, stringify on any chunk JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), fc.string(), (rest, before, model) => {
        // What the wire holds: a JSON round trip (JSON.stringify writes -0 as 0).
        const chunk = JSON.parse(JSON.stringify({ ...rest, model: before })) as Record<string, unknown>;
        expect(JSON.parse(withModelField(JSON.stringify(chunk), model))).toEqual({ ...chunk, model });
      }),
    );
  });
});
