import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { redactedJson } from '../normalize/redact';
import { CURRENT_DICTIONARY, rawDictionary } from './raw-dictionaries';

/** Raw API JSON as stored: secrets removed; never throws (a value JSON cannot hold is kept as its text). */
export function rawJson(raw: unknown): string {
  try {
    return redactedJson(raw) ?? 'null';
  } catch {
    return JSON.stringify(String(raw));
  }
}

export function fingerprint(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

/**
 * An order's or a customer's raw JSON as the cache keeps it (the `raw_deflated` columns, migration 8): one byte
 * naming the preset dictionary (raw-dictionaries.ts), then the UTF-8 text deflated raw against it. Level 6: level 9
 * saves under 1 % of these records for more time per write.
 */
export function packRawJson(json: string, kind: keyof typeof CURRENT_DICTIONARY): Buffer {
  const id = CURRENT_DICTIONARY[kind];
  const dictionary = rawDictionary(id);
  if (dictionary === undefined) throw new Error(`raw JSON dictionary ${id} is missing`);
  return Buffer.concat([Buffer.of(id), deflateRawSync(json, { level: 6, dictionary })]);
}

/**
 * A page's raw API records: as received, or already packed by packApiRecord (the sync packs them on a thread of their
 * own, so the writer's thread only writes).
 */
export type PageRaws = readonly unknown[] | { packed: readonly Uint8Array[] };

/** An API record as the cache keeps it: secrets removed, serialised, packed. */
export function packApiRecord(raw: unknown, kind: keyof typeof CURRENT_DICTIONARY): Uint8Array {
  return packRawJson(rawJson(raw), kind);
}

/** Each record of a page packed, packing those not yet packed. */
export function packedPageRaws(raws: PageRaws, kind: keyof typeof CURRENT_DICTIONARY): readonly Uint8Array[] {
  return Array.isArray(raws) ? raws.map((raw) => packApiRecord(raw, kind)) : (raws as { packed: Uint8Array[] }).packed;
}

/** The text packRawJson was given, byte for byte. */
export function unpackRawJson(packed: Uint8Array): string {
  const dictionary = rawDictionary(packed[0]);
  if (dictionary === undefined) throw new Error(`raw JSON packed with unknown dictionary ${packed[0]}`);
  return inflateRawSync(packed.subarray(1), { dictionary }).toString('utf8');
}

/**
 * A row's raw JSON, whichever way it is kept: packed (`raw_deflated`), or as text in `raw` by a version before
 * migration 8 until the repack (raw-repack.ts) reaches it. Null where the row has none (a customer known only from
 * its orders).
 */
export function storedRawJson(row: { raw: string; raw_deflated: Uint8Array | null }): string;
export function storedRawJson(row: { raw: string | null; raw_deflated: Uint8Array | null }): string | null;
export function storedRawJson(row: { raw: string | null; raw_deflated: Uint8Array | null }): string | null {
  return row.raw_deflated !== null ? unpackRawJson(row.raw_deflated) : row.raw;
}
