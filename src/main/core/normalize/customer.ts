import type { Customer } from '../../../shared/domain/customer';
import { capText, digitsOnly, field, isRecord, one, Reader, type JsonRecord } from './read';
import type { NormalizeContext } from './order';

/**
 * One customer record (bare, `{ data: customer }` or `{ data: [customer] }`)
 * → a Customer. Never throws; `token` and `login_url` are never read.
 */
export function normalizeCustomer(
  raw: unknown,
  ctx: NormalizeContext,
): { customer: Customer | null; problems: string[] } {
  try {
    return readCustomer(raw, ctx);
  } catch {
    return { customer: null, problems: ['record: internal error while reading'] };
  }
}

function readCustomer(raw: unknown, ctx: NormalizeContext): { customer: Customer | null; problems: string[] } {
  const record = one(raw);
  const r = new Reader(ctx.storeZone);
  if (record === null) {
    r.problem('record', 'not an object');
    return { customer: null, problems: r.problems };
  }
  const id = r.int(record, 'id');
  if (id === null || id === 0) {
    if (field(record, 'id') === undefined || field(record, 'id') === null) r.problem('id', 'missing');
    else if (id === 0) r.problem('id', 'zero is not an id');
    return { customer: null, problems: r.problems };
  }
  const cpf = digitsOnly(r.text(record, 'cpf'));
  const cnpj = digitsOnly(r.text(record, 'cnpj'));
  const birthday = r.text(record, 'birthday');
  const customer: Customer = {
    id,
    storeId: ctx.storeId,
    name: customerName(record, r),
    firstName: r.text(record, 'first_name'),
    lastName: r.text(record, 'last_name'),
    email: r.text(record, 'email'),
    taxId: cpf ?? cnpj,
    taxIdKind: cpf !== null ? 'cpf' : cnpj !== null ? 'cnpj' : null,
    companyName: r.text(record, 'razao_social'),
    phone: phoneDigits(record, r),
    birthday: birthday !== null && /^\d{4}-\d{2}-\d{2}$/.test(birthday) ? birthday : null,
    active: r.bool(record, 'active'),
    createdAt: r.time(record, 'created_at'),
    parseProblems: r.problems,
  };
  if (birthday !== null && customer.birthday === null) r.problem('birthday', 'expected YYYY-MM-DD');
  return { customer, problems: r.problems };
}

export function customerName(record: JsonRecord, r: Reader): string | null {
  const name = r.text(record, 'name');
  if (name !== null) return name;
  const parts = [r.text(record, 'first_name'), r.text(record, 'last_name')].filter((p): p is string => p !== null);
  if (parts.length > 0) return capText(parts.join(' '));
  return r.text(record, 'generic_name') ?? r.text(record, 'razao_social');
}

/** `phone` is an object (`full_number`, `area_code` + `number`) or a plain string; the spreadsheet repeats it. */
export function phoneDigits(record: JsonRecord, r: Reader): string | null {
  const phone = field(record, 'phone');
  if (typeof phone === 'string' || typeof phone === 'number') return digitsOnly(String(phone));
  const object = one(phone);
  if (object !== null) {
    const p = r.nested('phone');
    const full = digitsOnly(p.text(object, 'full_number'));
    if (full !== null) return full;
    const joined = digitsOnly(`${p.text(object, 'area_code') ?? ''}${p.text(object, 'number') ?? ''}`);
    if (joined !== null) return joined;
    const formatted = digitsOnly(p.text(object, 'formated_number'));
    if (formatted !== null) return formatted;
  }
  const sheet = one(field(record, 'spreadsheet'));
  if (isRecord(sheet)) {
    const s = r.nested('spreadsheet');
    return (
      digitsOnly(s.text(sheet, 'phone')) ??
      digitsOnly(`${s.text(sheet, 'phone_code') ?? ''}${s.text(sheet, 'phone_number') ?? ''}`)
    );
  }
  return null;
}
