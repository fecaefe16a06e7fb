import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawDictionary } from '../../src/main/core/db/raw-dictionaries';
import { packRawJson, unpackRawJson } from '../../src/main/core/db/raw-json';

describe('packed raw JSON', () => {
  it('unpacks to the same bytes, whatever the text', () => {
    const texts = [
      '',
      'null',
      '{"id":1,"name":"Conceição Simões","note":"📦 entrega\\u0000 \\"rápida\\""}',
      JSON.stringify({ bidi: '\u202Eabc\u202C', big: 'x'.repeat(200_000), lone: '\uD800' }),
    ];
    for (const kind of ['order', 'customer'] as const) {
      for (const text of texts) expect(unpackRawJson(packRawJson(text, kind))).toBe(text);
    }
  });

  it('names its dictionary in its first byte, and an unknown dictionary is an error rather than other bytes', () => {
    expect(packRawJson('{}', 'order')[0]).toBe(1);
    expect(packRawJson('{}', 'customer')[0]).toBe(2);
    const packed = packRawJson('{"id":1}', 'order');
    packed[0] = 200;
    expect(() => unpackRawJson(packed)).toThrow(/unknown dictionary 200/);
  });

  it('keeps every released dictionary byte for byte: rows packed with one are read with it for ever', () => {
    const sha = (id: number) => createHash('sha256').update(rawDictionary(id)!).digest('hex');
    expect(sha(1)).toBe('c582a68c1db1611d24d07fa2bdc28df4b462969b1b5306e5facceb7dc37efc76');
    expect(sha(2)).toBe('04ba64510df9b5a74d4f411b22a62c96dcce44c2c6de5cc7199d25a67d16d1d5');
  });
});
