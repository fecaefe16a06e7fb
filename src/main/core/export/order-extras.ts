import type { Address } from '../../../shared/domain/order';
import type { ZonedTime } from '../../../shared/domain/time';
import { toZonedTime } from '../normalize';

/**
 * Payment and shipping details the domain Order does not model, read from the
 * order's raw JSON as the API sent it. Every field is optional: a sample
 * lacking them just prints less.
 */
export interface OrderExtras {
  carrier: string | null;
  maskedCard: string | null;
  billetBarcode: string | null;
  pixExpiresAt: ZonedTime | null;
  pickup: Address | null;
}

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const data = (value as Json)['data'];
    if (data && typeof data === 'object') return Array.isArray(data) ? record(data[0]) : (data as Json);
    return value as Json;
  }
  if (Array.isArray(value)) return record(value[0]);
  return null;
}

function str(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function orderExtras(raw: unknown, storeZone: string): OrderExtras {
  const order = record(raw) ?? {};
  const transaction = record(order['transactions']) ?? {};
  const pix = record(order['pix']) ?? {};
  const pickup = record(order['pickup_address']);
  const pixExpiry = toZonedTime(pix['pix_expiration_date'], storeZone);
  return {
    carrier: str(order['shipment_service']),
    maskedCard: str(transaction['truncated_card']),
    billetBarcode: str(transaction['billet_barcode']),
    pixExpiresAt: pixExpiry.ok ? pixExpiry.time : null,
    pickup: pickup
      ? {
          receiver: null,
          street: str(pickup['street']),
          number: str(pickup['number']),
          complement: str(pickup['complement']),
          neighborhood: str(pickup['neighborhood']),
          city: str(pickup['city']),
          uf: str(pickup['uf']),
          zipcode: str(pickup['zipcode']),
          country: str(pickup['country']),
          fullAddress: str(pickup['full_address']),
        }
      : null,
  };
}
