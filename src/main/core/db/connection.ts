import type { Database } from 'better-sqlite3';

declare const READABLE: unique symbol;
declare const WRITABLE: unique symbol;

/**
 * The database as a reading function may use it, as Signal Desktop's ReadableDB/WritableDB mark theirs: a function
 * that takes a ReadableDB promises to read only, and a caller holding only a ReadableDB cannot call one that writes.
 * The brand costs nothing at run time; openDatabase returns the writable handle, which is also readable.
 */
export type ReadableDB = Database & { readonly [READABLE]: true };
export type WritableDB = ReadableDB & { readonly [WRITABLE]: true };
