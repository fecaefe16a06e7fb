import { randomInt } from 'node:crypto';

/** 36^6 ≈ 2.2 billion ids: a data folder holds a handful of stores. */
const LENGTH = 6;

/**
 * A new store's id: six random lowercase letters and digits. The id is repeated in every cached row and index entry
 * of its store (some 14 times an order), so its length is paid per order: a synced cache took 821 bytes an order
 * more with a 36-character UUID than with these six (BENCHMARKS.md, Footprint). Random, not a counter, so a removed
 * store's id is not handed to the next one (its schedule, logs and the window's remembered choices stay its own);
 * never one in `taken`.
 * Letters and digits only: it is typed after `--store` in the CLI and never reads as an option.
 */
export function newStoreId(taken: ReadonlySet<string>): string {
  for (;;) {
    let id = '';
    for (let i = 0; i < LENGTH; i++) id += randomInt(36).toString(36);
    if (!taken.has(id)) return id;
  }
}
