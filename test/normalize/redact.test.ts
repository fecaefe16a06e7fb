import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactedJson } from '../../src/main/core/normalize';
import { redactSecrets } from '../helpers/redact-secrets';

const SECRET = ['token', 'login_url', 'access_token', 'password'];
// JSON values whose objects often carry a secret key among ordinary ones.
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...SECRET), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 5 }),
  ),
}));

describe('redactedJson', () => {
  it('is the JSON text of the record with its secrets removed, as redactSecrets makes it', () => {
    fc.assert(
      fc.property(value, (record) => {
        expect(redactedJson(record)).toBe(JSON.stringify(redactSecrets(record)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps a record’s own "__proto__" key, as JSON.parse makes it', () => {
    const record = JSON.parse('{"id":1,"__proto__":{"token":"t","a":2},"b":3}') as unknown;
    expect(redactedJson(record)).toBe('{"id":1,"__proto__":{"a":2},"b":3}');
    expect(JSON.stringify(redactSecrets(record))).toBe('{"id":1,"__proto__":{"a":2},"b":3}');
  });

  it('removes a secret at any depth', () => {
    let record: Record<string, unknown> = { token: 'deep-secret', id: 1 };
    for (let depth = 0; depth < 100; depth += 1) record = { nested: record, login_url: 'https://x/login?k=abc' };
    const json = redactedJson(record) ?? '';
    expect(json).not.toContain('deep-secret');
    expect(json).not.toContain('login');
    expect(json).toContain('"id":1');
  });
});
