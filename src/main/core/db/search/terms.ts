import type { Customer } from '../../../../shared/domain/customer';

/** What an order's search row is made of (an Order has it; the migration that rebuilds the index builds it from rows). */
export interface SearchableOrder {
  id: number;
  number: number | null;
  customer: { name: string | null; email: string | null; taxId: string | null; phone: string | null } | null;
  trackingCode: string | null;
  items: readonly { sku: string | null; name: string | null }[];
  shippingAddress: { city: string | null; zipcode: string | null } | null;
  promocode: { code: string | null } | null;
}

/**
 * What goes into the FTS rows. The tokenizer (unicode61, diacritics removed)
 * splits on punctuation, so a CPF is indexed twice: as its digits (one token,
 * found by "12345678909" or "123456") and punctuated ("123 456 789 09", found by
 * "123.456.789-09" as a phrase). Phones go in with and without the area code.
 * Every word the tokenizer would split (an e-mail, an SKU, "Ana-Maria") is also
 * indexed joined into one token ("anamaria"), which is what ftsQuery looks up first.
 * The products' names, the delivery city, the CEP (its digits: "01001-000" typed is read as one number, see
 * asOneNumber) and the coupon code are there too, so the one search box finds an order by any of them.
 */
export function orderSearchTerms(order: SearchableOrder): string {
  const c = order.customer;
  return withJoinedWords([
    order.number === null ? null : String(order.number),
    String(order.id),
    c?.name,
    c?.email,
    ...taxIdTerms(c?.taxId ?? null),
    ...phoneTerms(c?.phone ?? null),
    order.trackingCode,
    ...order.items.flatMap((item) => [item.sku, item.name]),
    order.shippingAddress?.city,
    cepTerm(order.shippingAddress?.zipcode ?? null),
    order.promocode?.code,
  ]);
}

export function customerSearchTerms(
  customer: Pick<Customer, 'name' | 'email' | 'taxId' | 'phone' | 'companyName'>,
): string {
  return withJoinedWords([
    customer.name,
    customer.companyName,
    customer.email,
    ...taxIdTerms(customer.taxId),
    ...phoneTerms(customer.phone),
  ]);
}

/** The words' tokens as the tokenizer will see them, one list per whitespace-separated word. */
function wordTokens(text: string): string[][] {
  return text
    .normalize('NFKC')
    .split(/\s+/)
    .map((word) => word.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0))
    .filter((tokens) => tokens.length > 0);
}

function withJoinedWords(values: readonly (string | null | undefined)[]): string {
  const present = values.filter((t): t is string => t !== null && t !== undefined && t !== '');
  const joined = new Set<string>();
  for (const value of present) {
    for (const tokens of wordTokens(value)) if (tokens.length > 1) joined.add(tokens.join(''));
  }
  return [...present, ...joined].join(' ');
}

function taxIdTerms(digits: string | null): string[] {
  if (digits === null) return [];
  if (digits.length === 11)
    return [digits, `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`];
  if (digits.length === 14) {
    return [
      digits,
      `${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5, 8)}/${digits.slice(8, 12)}-${digits.slice(12)}`,
    ];
  }
  return [digits];
}

function cepTerm(zipcode: string | null): string | null {
  const digits = zipcode?.replace(/\D/g, '') ?? '';
  return digits === '' ? null : digits;
}

function phoneTerms(digits: string | null): string[] {
  if (digits === null) return [];
  const local = digits.length >= 10 ? digits.slice(2) : null;
  return local === null ? [digits] : [digits, local];
}

/**
 * Digits written in groups, as people write phones and documents ("(16) 98187-5668", "+55 16 98187-5668",
 * "123.456.789-09"), are one number: the index holds phones, CPF/CNPJ and CEPs as blocks of digits, so the groups
 * must not become separate words (a lone "16" is never a term, and the search found nothing). A country code 55
 * before a 12- or 13-digit number is dropped, as phones are indexed without it.
 */
function asOneNumber(text: string): string | null {
  if (!/^[\d\s()+.\-/]+$/.test(text) || !/\d\D+\d|^\s*\+/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  return (digits.length === 12 || digits.length === 13) && digits.startsWith('55') ? digits.slice(2) : digits;
}

export type SearchWords = 'joined' | 'phrase';

export interface FtsQueryOptions {
  /** The last word matches as a prefix (as typed so far); the default. */
  lastIsPrefix?: boolean;
  /** A word of several tokens ("joao.silva@gm", "CAM-AZ-12") as its joined token (the default) or as a phrase. */
  words?: SearchWords;
}

/**
 * User text → an FTS5 query that cannot be a syntax error: each word becomes a
 * quoted term, and words are AND-ed. Only the last word is a prefix
 * (`ana silva` → "ana" AND "silva"*): the words before it were typed in full,
 * and exact tokens are much cheaper for FTS5 than prefixes, which merge the
 * lists of every term they cover. A word the tokenizer splits is looked up as
 * its joined token (`joao.sil` → "joaosil"*), one rare term, which the index
 * holds for every such word it was given; as a phrase ("joao sil"*) it also
 * matches inside a word ("silva@gmail" in "ana.silva@gmail.com") but costs a
 * check of positions across common tokens' lists, so it is the fallback
 * (see resolveSearch). `lastIsPrefix = false` gives the all-exact query, whose
 * matches are a subset: a cheap lower bound for bounded probes and capped
 * counts. Returns null when nothing searchable remains.
 */
export function ftsQuery(text: string, options: FtsQueryOptions = {}): string | null {
  const { lastIsPrefix = true, words: form = 'joined' } = options;
  const words = wordTokens(asOneNumber(text) ?? text).slice(0, 8);
  if (words.length === 0) return null;
  return words
    .map(
      (tokens, i) =>
        `"${tokens.join(form === 'joined' ? '' : ' ')}"${lastIsPrefix && i === words.length - 1 ? '*' : ''}`,
    )
    .join(' AND ');
}
