import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readListBody } from '../../src/main/core/api/list-body';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What the client read before: the whole body parsed, its `data` list counted and its `meta` kept. */
function byParsing(bytes: Uint8Array): { object: boolean; records: number; meta: unknown } | null {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(bytes));
  } catch {
    return null;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { object: false, records: 0, meta: undefined };
  const { data, meta } = body as { data?: unknown; meta?: unknown };
  return { object: true, records: Array.isArray(data) ? data.length : 0, meta };
}

const same = (bytes: Uint8Array): void => {
  expect(readListBody(bytes)).toEqual(byParsing(bytes));
};

const text = (s: string): Uint8Array => encoder.encode(s);

/** Bodies shaped like list pages: a `data` list and a `meta`, among other members, in any order, any spacing. */
const listPage = fc
  .record({
    data: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
    meta: fc.jsonValue({ maxDepth: 3 }),
    others: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    order: fc.nat(),
    indent: fc.constantFrom(undefined, 0, 1, '\t', '\r\n '),
  })
  .map(({ data, meta, others, order, indent }) => {
    const members: [string, unknown][] = [...Object.entries(others), ['data', data], ['meta', meta]];
    const at = order % members.length;
    members.push(...members.splice(0, at));
    const object = Object.fromEntries(members.filter(([key]) => key !== '__proto__'));
    return JSON.stringify(object, null, indent);
  });

/** A body damaged as a network or a broken server damages one: bytes dropped, changed or added anywhere. */
const damaged = fc
  .tuple(
    listPage,
    fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('drop', 'replace', 'insert'),
        byte: fc.oneof(
          fc.constantFrom(...'{}[]",:\\ \t\n\r0123456789-+.eEtrufalsn'.split('').map((c) => c.charCodeAt(0))),
          fc.integer({ min: 0, max: 255 }),
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([body, edits]) => {
    const bytes = [...text(body)];
    for (const { at, kind, byte } of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (kind === 'drop') bytes.splice(i, 1);
      else if (kind === 'replace') bytes[i] = byte;
      else bytes.splice(i, 0, byte);
    }
    return Uint8Array.from(bytes);
  });

describe('readListBody', () => {
  it('reads a list page as parsing it would', () => {
    fc.assert(
      fc.property(listPage, (body) => same(text(body))),
      { numRuns: 2000 },
    );
  });

  it('refuses a damaged body exactly when parsing it would fail, and otherwise reads the same', () => {
    fc.assert(fc.property(damaged, same), { numRuns: 20000 });
  });

  it('agrees with parsing on any JSON text, and on any text at all', () => {
    fc.assert(
      fc.property(fc.json(), (body) => same(text(body))),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (body) => same(text(body))),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), same), { numRuns: 3000 });
  });

  it('follows JSON.parse on the cases it is easy to get wrong', () => {
    const cases = [
      '{"data":[1,2],"data":{"x":1}}', // the last of duplicate keys wins
      '{"data":{"x":1},"data":[1,2,3]}',
      '{"d\\u0061ta":[1,2],"\\u006deta":{"pagination":{"total_pages":3}}}', // names written with escapes
      '\ufeff{"data":[]}', // a byte-order mark before the body
      '\ufeff\ufeff{"data":[]}', // only one is dropped
      '{"data":[01]}',
      '{"data":[1.]}',
      '{"data":[-]}',
      '{"data":[1e5, -0.5E-3, 0]}',
      '{"data":["\\x"]}',
      '{"data":["\\u12G4"]}',
      '{"data":["\t"]}', // a raw tab inside a string
      '{"data":[tru]}',
      '{"data":[nul, 1]}',
      '{"data":[1,]}',
      '{"data":[1] ,}',
      '{,"data":[1]}',
      '{"data" [1]}',
      '[{"data":[1]}]',
      '"data"',
      'null',
      '',
      ' ',
      '{"data":[1]} x',
      '{"data":[1]}\u00a0', // not JSON whitespace
      `{"data":[${'['.repeat(20000)}${']'.repeat(20000)}]}`, // deeper than any recursion could go
    ];
    for (const body of cases) same(text(body));
    same(Uint8Array.from([0x7b, 0x22, 0x61, 0xff, 0x22, 0x3a, 0x31, 0x7d])); // unreadable UTF-8 inside a string
    same(Uint8Array.from([0x7b, 0xff, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d])); // and outside one
    same(Uint8Array.from([0x7b, 0x22, 0x61, 0xe2, 0x22, 0x3a, 0x31, 0x7d])); // a cut sequence before a quote
  });

  it('reads the records and the pagination of a page', () => {
    const page = { data: [{ id: 1 }, { id: 2 }], meta: { pagination: { total: 2, total_pages: 1 } } };
    expect(readListBody(text(JSON.stringify(page)))).toEqual({ object: true, records: 2, meta: page.meta });
  });
});
