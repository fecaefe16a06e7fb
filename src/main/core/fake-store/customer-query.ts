import { onlyDigits } from './documents';
import { customerIdentity } from './generate-customer';
import { arrayList, rangeList, type IndexList } from './index-list';
import type { StoreModel } from './store-model';
import { foldText } from './text-search';

/** Customers by id ascending; `q` matches name, e-mail, CPF/CNPJ digits or phone digits. */
export function queryCustomers(model: StoreModel, params: URLSearchParams): IndexList {
  const q = params.get('q')?.trim();
  if (!q) return rangeList(0, model.shape.customers, false);
  const folded = foldText(q);
  const digits = onlyDigits(q);
  // Digits only count when the query is mostly digits, so "Ana 2" does not match every phone with a 2.
  const useDigits = digits.length >= 3 && digits.length >= q.replace(/[\s().\-/]/g, '').length;
  const kept: number[] = [];
  for (let c = 0; c < model.shape.customers; c++) {
    const who = customerIdentity(model.shape, c);
    if (
      foldText(who.name).includes(folded) ||
      who.email.includes(folded) ||
      (useDigits &&
        (who.cpf.includes(digits) || (who.cnpj ?? '').includes(digits) || who.phone.full_number.includes(digits)))
    ) {
      kept.push(c);
    }
  }
  return arrayList(kept);
}
