import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeCustomer } from '../../src/main/core/normalize';
import { referenceCustomerSample } from './samples';

const ctx = { storeId: 'store-1', storeZone: 'America/Sao_Paulo' };

describe('normalizeCustomer', () => {
  it('reads the reference sample inside its { data: [ … ] } wrapper', () => {
    const { customer, problems } = normalizeCustomer(referenceCustomerSample(), ctx);
    expect(problems).toEqual([]);
    expect(customer).toMatchObject({
      id: 123,
      storeId: 'store-1',
      email: 'jsmith@example.com',
      birthday: '2023-12-25',
      active: true,
      name: '<string>',
    });
    expect(JSON.stringify(customer)).not.toContain('login_url');
  });

  it('reads CPF or CNPJ as digits and phone from its object, string or spreadsheet', () => {
    expect(normalizeCustomer({ id: 1, cpf: '123.456.789-09', phone: '(11) 99999-0000' }, ctx).customer).toMatchObject({
      taxId: '12345678909',
      taxIdKind: 'cpf',
      phone: '11999990000',
    });
    expect(
      normalizeCustomer({ id: 2, cnpj: '12.345.678/0001-95', spreadsheet: { data: { phone: '(16) 98187-5668' } } }, ctx)
        .customer,
    ).toMatchObject({
      taxId: '12345678000195',
      taxIdKind: 'cnpj',
      phone: '16981875668',
    });
    expect(normalizeCustomer({ id: 3, first_name: 'Ana', last_name: 'Luíza' }, ctx).customer?.name).toBe('Ana Luíza');
  });

  it('returns null and a problem without an id', () => {
    expect(normalizeCustomer({ name: 'x' }, ctx)).toEqual({ customer: null, problems: ['id: missing'] });
    expect(normalizeCustomer('x', ctx)).toEqual({ customer: null, problems: ['record: not an object'] });
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withObjectString: true,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withSparseArray: true,
          withTypedArray: true,
        }),
        (raw) => {
          const result = normalizeCustomer(raw, ctx);
          expect(result.customer === null || Number.isSafeInteger(result.customer.id)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
