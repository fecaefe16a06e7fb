import type { Customer } from '../../../shared/domain/customer';
import type { Order } from '../../../shared/domain/order';

/**
 * What goes into the FTS rows. The tokenizer (unicode61, diacritics removed)
 * splits on punctuation, so a CPF is indexed twice: as its digits (one token,
 * found by "12345678909" or "123456") and punctuated ("123 456 789 09", found by
 * "123.456.789-09" as a phrase). Phones go in with and without the area code.
 */
export function orderSearchTerms(order: Order): string {
  const c = order.customer;
  return [
    order.number === null ? null : String(order.number),
    order.id,
    c?.name,
    c?.email,
    ...taxIdTerms(c?.taxId ?? null),
    ...phoneTerms(c?.phone ?? null),
    order.trackingCode,
    ...order.items.map((item) => item.sku),
  ]
    .filter((t) => t !== null && t !== undefined && t !== '')
    .join(' ');
}

export function customerSearchTerms(customer: Pick<Customer, 'name' | 'email' | 'taxId' | 'phone' | 'companyName'>): string {
  return [customer.name, customer.companyName, customer.email, ...taxIdTerms(customer.taxId), ...phoneTerms(customer.phone)]
    .filter((t) => t !== null && t !== '')
    .join(' ');
}

function taxIdTerms(digits: string | null): string[] {
  if (digits === null) return [];
  if (digits.length === 11) return [digits, `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`];
  if (digits.length === 14) {
    return [digits, `${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5, 8)}/${digits.slice(8, 12)}-${digits.slice(12)}`];
  }
  return [digits];
}

function phoneTerms(digits: string | null): string[] {
  if (digits === null) return [];
  const local = digits.length >= 10 ? digits.slice(2) : null;
  return local === null ? [digits] : [digits, local];
}

/**
 * User text → an FTS5 query that cannot be a syntax error: each word becomes a
 * quoted phrase of its tokens, and words are AND-ed. Only the last word is a prefix
 * (`ana silva` → "ana" AND "silva"*; `joao.sil` → "joao sil"*): the words before it
 * were typed in full, and exact tokens are much cheaper for FTS5 than prefixes, which
 * merge the lists of every term they cover. Returns null when nothing searchable remains.
 * `lastIsPrefix = false` gives the all-exact query, whose matches are a subset of the
 * prefix query's: a cheap lower bound for the bounded probes and capped counts.
 */
export function ftsQuery(text: string, lastIsPrefix = true): string | null {
  const words = text
    .normalize('NFKC')
    .split(/\s+/)
    .map((word) => word.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0))
    .filter((tokens) => tokens.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((tokens, i) => `"${tokens.join(' ')}"${lastIsPrefix && i === words.length - 1 ? '*' : ''}`).join(' AND ');
}

const sortKeys = new Map<string, string>();

/** Sort key for names: case and accents folded, so "Álvaro" sorts beside "alvaro" (SQLite's NOCASE is ASCII only). */
export function sortKey(name: string | null): string | null {
  if (name === null) return null;
  let key = sortKeys.get(name);
  if (key === undefined) {
    key = name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('pt-BR');
    // Names repeat across a customer's orders; the bound keeps a long sync's memory flat.
    if (sortKeys.size >= 50_000) sortKeys.clear();
    sortKeys.set(name, key);
  }
  return key;
}
