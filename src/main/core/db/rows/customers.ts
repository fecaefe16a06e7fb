import type { Customer, CustomerSummary } from '../../../../shared/domain/customer';
import { problemList } from './json';
import { zoned } from './orders';

/** The customers table as SQLite returns it, and its mapping to the domain types. */
export interface CustomerRow {
  store_id: string;
  id: number;
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  tax_id: string | null;
  tax_id_kind: 'cpf' | 'cnpj' | null;
  company_name: string | null;
  phone: string | null;
  birthday: string | null;
  active: number | null;
  created_utc: string | null;
  created_zone: string | null;
  parse_problems: string;
  order_count: number;
  last_order_utc: string | null;
  last_order_zone: string | null;
  raw: string | null;
  raw_deflated: Uint8Array | null;
}

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    storeId: row.store_id,
    name: row.name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    taxId: row.tax_id,
    taxIdKind: row.tax_id_kind,
    companyName: row.company_name,
    phone: row.phone,
    birthday: row.birthday,
    active: row.active === null ? null : row.active === 1,
    createdAt: zoned(row.created_utc, row.created_zone),
    parseProblems: problemList(row.parse_problems),
  };
}

export function toCustomerSummary(row: CustomerRow): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    taxId: row.tax_id,
    phone: row.phone,
    orderCount: row.order_count,
    lastOrderAt: zoned(row.last_order_utc, row.last_order_zone),
  };
}
