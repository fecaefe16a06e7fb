import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

/** The API reference's order sample, with the fields real orders have and realistic values. */
export function realisticOrder(): Record<string, unknown> {
  const sample = JSON.parse(readFileSync(join(fixtures, 'reference-order.json'), 'utf8')) as {
    data: Record<string, unknown>[];
  };
  const order = structuredClone(sample.data[0]);
  return {
    ...order,
    id: 98765,
    number: 1043,
    created_at: { date: '2024-03-05 14:02:11.000000', timezone_type: 3, timezone: 'America/Sao_Paulo' },
    updated_at: '2024-03-06T10:00:00-03:00',
    value_total: 955.76,
    value_products: '900.00',
    value_shipment: 65.76,
    value_discount: 10,
    value_tax: 0,
    track_code: 'BR123456789BR',
    status: { data: { id: 4, name: 'Pagamento aprovado', alias: 'paid', description: '' } },
    customer: {
      data: {
        ...(order.customer as { data: Record<string, unknown> }).data,
        id: 555,
        name: 'João da Silva',
        cpf: '123.456.789-09',
        email: 'joao.silva@example.com',
        phone: { area_code: '16', number: '981875668', full_number: '16981875668', formated_number: '(16) 98187-5668' },
      },
    },
  };
}

export function referenceOrderSample(): unknown {
  return JSON.parse(readFileSync(join(fixtures, 'reference-order.json'), 'utf8'));
}

export function referenceCustomerSample(): unknown {
  return JSON.parse(readFileSync(join(fixtures, 'reference-customer.json'), 'utf8'));
}
