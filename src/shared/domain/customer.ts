import type { Address } from './order';
import type { Cents, ZonedTime } from './time';

export interface Customer {
  id: number;
  storeId: string;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** CPF (11 digits) or CNPJ (14 digits), digits only. */
  taxId: string | null;
  taxIdKind: 'cpf' | 'cnpj' | null;
  /** Razão social, for companies. */
  companyName: string | null;
  /** Digits only, with area code when sent. */
  phone: string | null;
  /** `YYYY-MM-DD`, a calendar date with no zone. */
  birthday: string | null;
  active: boolean | null;
  createdAt: ZonedTime | null;
  parseProblems: string[];
}

export interface CustomerSummary {
  id: number;
  name: string | null;
  email: string | null;
  taxId: string | null;
  phone: string | null;
  orderCount: number;
  lastOrderAt: ZonedTime | null;
}

export interface CustomerTotals {
  /** Every cached order of the customer, whatever its status. */
  orderCount: number;
  /** Sum over orders not cancelled, refused or refunded. */
  spentCents: Cents;
  /** spentCents over the orders it sums; 0 when there are none. */
  averageCents: Cents;
  firstOrderAt: ZonedTime | null;
  lastOrderAt: ZonedTime | null;
}

export interface CustomerDetail {
  customer: Customer;
  totals: CustomerTotals;
  /** Where the customer's cached orders were sent, the most recently used first. */
  addresses: Address[];
  raw: unknown;
}
