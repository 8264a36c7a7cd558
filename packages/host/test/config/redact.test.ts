import { describe, expect, it } from 'vitest';
import { REDACTED, SettingsSchema, redact, redactText, redactValue, secretValues } from '@berth/host';

const configuration = { user: { type: 'string' as const }, password: { type: 'string' as const, secret: true } };

describe('redaction of secret settings', () => {
  it('shows secret values as ******** whether given a schema or a configuration block', () => {
    const schema = SettingsSchema.for('db', '1.0.0', configuration);
    const values = { user: 'ada', password: 'correct horse' };
    expect(redact(values, schema)).toEqual({ user: 'ada', password: REDACTED });
    expect(redact(values, configuration)).toEqual({ user: 'ada', password: '********' });
    expect(redactValue('password', 'correct horse', configuration)).toBe('********');
    expect(redactValue('user', 'ada', configuration)).toBe('ada');
  });

  it('removes secret values from free text such as a log line or an upstream error', () => {
    const values = { user: 'ada', password: 'correct horse' };
    const line = 'login failed for ada with password correct horse (correct horse)';
    expect(redactText(line, secretValues(values, configuration))).toBe('login failed for ada with password ******** (********)');
  });
});
